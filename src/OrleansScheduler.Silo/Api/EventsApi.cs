using OrleansScheduler.Json;

namespace OrleansScheduler.Silo.Api;

/// <summary>
/// Live updates for the jobs view as server-sent events: <c>/api/events</c> (a page of jobs, queues, dead letters) and
/// <c>/api/jobs/{id}/events</c> (one job, its runs, its next occurrences). Each connection reads its snapshot about
/// once a second and sends it when it changed.
/// </summary>
internal static class EventsApi
{
    /// <summary>The event type of <c>/api/events</c>, carrying an <see cref="OverviewSnapshot"/>.</summary>
    public const string OverviewEvent = "overview";

    /// <summary>The event type of <c>/api/jobs/{id}/events</c>, carrying a <see cref="JobSnapshot"/>.</summary>
    public const string JobEvent = "job";

    /// <summary>How many of the latest dead letters an overview holds.</summary>
    public const int DeadLetterCount = 20;

    /// <summary>The default of <c>history</c> on a job's stream.</summary>
    public const int DefaultHistory = 50;

    /// <summary>The default of <c>count</c> (next occurrences) on a job's stream.</summary>
    public const int DefaultNext = 10;

    public static void MapEventsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/events", OverviewAsync).WithTags("Events").Produces(StatusCodes.Status200OK, contentType: "text/event-stream")
            .WithSummary("Server-sent \"overview\" events whenever they change: a page of jobs (after, limit, state as GET /api/jobs), the queue depths and the latest dead letters");
        app.MapGet("/api/jobs/{id}/events", JobAsync).AddEndpointFilter(JobIdFilter.Instance).WithTags("Events").Produces(StatusCodes.Status200OK, contentType: "text/event-stream")
            .WithSummary("Server-sent \"job\" events whenever they change: the job (null once deleted), its latest runs (history 1-1000, default 50) and next occurrences (count 1-1000, default 10)");
    }

    private static async Task<IResult> OverviewAsync(HttpContext context, string? after, int? limit, string? state, IGrainFactory grains)
    {
        var size = limit ?? JobPage.DefaultSize;
        if (JobPage.Validate(size, state) is { Count: > 0 } errors)
        {
            return ApiProblems.Invalid(errors);
        }

        var admin = grains.GetGrain<ISchedulerAdminGrain>(0);
        await EventStream.WriteAsync(context, OverviewEvent, async () =>
        {
            var page = JobPage.ReadAsync(grains, after, size, state);
            var queues = admin.GetQueueDepths();
            var dead = admin.GetDeadLetters(DeadLetterCount);
            return new OverviewSnapshot(
                (await page).Jobs, (await page).Next, QueueDepthsView.From(await queues), [.. (await dead).Select(DeadLetterView.From)]);
        });
        return Results.Empty;
    }

    private static async Task<IResult> JobAsync(HttpContext context, string id, int? history, int? count, IGrainFactory grains, TimeProvider time)
    {
        var runs = history ?? DefaultHistory;
        var next = count ?? DefaultNext;
        List<string> errors = [];
        if (runs is < 1 or > SchedulerLimits.MaxHistory)
        {
            errors.Add($"history: {runs} is outside 1-{SchedulerLimits.MaxHistory}");
        }

        if (next is < 1 or > OccurrencesApi.MaxCount)
        {
            errors.Add($"count: {next} is outside 1-{OccurrencesApi.MaxCount}");
        }

        if (errors.Count > 0)
        {
            return ApiProblems.Invalid(errors);
        }

        var grain = grains.GetGrain<IJobGrain>(id);
        if (await grain.Get() is null)
        {
            return ApiProblems.NotFound($"job \"{id}\" does not exist");
        }

        await EventStream.WriteAsync(context, JobEvent, async () =>
        {
            if (await grain.Get() is not { } job)
            {
                return new JobSnapshot(null, [], []);
            }

            var runsRead = await grain.GetHistory(runs);
            return new JobSnapshot(JobView.From(job), [.. runsRead.Select(RunView.From)], OccurrencesApi.Next(job, time.GetUtcNow(), next));
        });
        return Results.Empty;
    }
}
