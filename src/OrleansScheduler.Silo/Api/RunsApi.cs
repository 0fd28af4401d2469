using OrleansScheduler.Json;

namespace OrleansScheduler.Silo.Api;

/// <summary>The runs part of the HTTP API: queue depths and dead letters.</summary>
internal static class RunsApi
{
    public static void MapRunsApi(this IEndpointRouteBuilder app, ApiKeyFilter apiKey)
    {
        app.MapGet("/api/queues", async (IGrainFactory grains) => Results.Ok(QueueDepthsView.From(await grains.GetGrain<ISchedulerAdminGrain>(0).GetQueueDepths())))
            .WithTags("Runs").WithSummary("Runs queued per queue, processing per silo, retrying and dead-lettered");
        app.MapGet("/api/dead-letters", async (int? limit, IGrainFactory grains) =>
            Results.Ok((await grains.GetGrain<ISchedulerAdminGrain>(0).GetDeadLetters(limit ?? SchedulerLimits.DefaultDeadLetters)).Select(DeadLetterView.From)))
            .WithTags("Runs").WithSummary("Dead-lettered runs, newest first");
        app.MapPost("/api/dead-letters/{runId}/requeue", async (string runId, IGrainFactory grains) =>
            await grains.GetGrain<ISchedulerAdminGrain>(0).Requeue(runId)
                ? Results.Accepted(value: new { runId })
                : ApiProblems.NotFound($"no dead letter has run id \"{runId}\""))
            .AddEndpointFilter(apiKey).WithTags("Runs").WithSummary("Puts a dead letter back on its queue, same run id");
    }
}
