using System.Text.Json;
using OrleansScheduler.Json;

namespace OrleansScheduler.Silo.Api;

/// <summary>The jobs part of the HTTP API: <c>/api/jobs…</c>. Bodies and answers use the apply/show JSON contract.</summary>
internal static class JobsApi
{
    public static void MapJobsApi(this IEndpointRouteBuilder app, ApiKeyFilter apiKey)
    {
        var jobs = app.MapGroup("/api/jobs").WithTags("Jobs").AddEndpointFilter(JobIdFilter.Instance);
        var mutating = jobs.MapGroup("").AddEndpointFilter(apiKey);

        jobs.MapGet("", ListAsync).WithSummary("Lists jobs by id, a page at a time; filter with state=active|paused");
        jobs.MapGet("/{id}", async (string id, IGrainFactory grains) =>
            await grains.GetGrain<IJobGrain>(id).Get() is { } job ? Results.Ok(JobView.From(job)) : ApiProblems.NotFound($"job \"{id}\" does not exist"))
            .WithSummary("Gets one job");
        jobs.MapGet("/{id}/history", async (string id, int? limit, IGrainFactory grains) =>
        {
            var history = await grains.GetGrain<IJobGrain>(id).GetHistory(limit ?? SchedulerLimits.DefaultHistory);
            if (history.Count == 0 && await grains.GetGrain<IJobGrain>(id).Get() is null)
            {
                return ApiProblems.NotFound($"job \"{id}\" does not exist");
            }

            return Results.Ok(history.Select(RunView.From));
        }).WithSummary("Gets a job's latest runs, newest first");

        mutating.MapPut("/{id}", ScheduleAsync).Accepts<JobDefinition>("application/json")
            .WithSummary("Creates or replaces a job (body: an apply-file entry; its id, if any, must match)");
        mutating.MapPost("/{id}/pause", async (string id, IGrainFactory grains) => Results.Ok(JobView.From(await grains.GetGrain<IJobGrain>(id).Pause())));
        mutating.MapPost("/{id}/resume", async (string id, IGrainFactory grains) => Results.Ok(JobView.From(await grains.GetGrain<IJobGrain>(id).Resume())));
        mutating.MapPost("/{id}/trigger", async (string id, IGrainFactory grains) => Results.Accepted(value: new { runId = await grains.GetGrain<IJobGrain>(id).Trigger() }));
        mutating.MapDelete("/{id}", async (string id, IGrainFactory grains) =>
            await grains.GetGrain<IJobGrain>(id).Delete() ? Results.NoContent() : ApiProblems.NotFound($"job \"{id}\" does not exist"));
    }

    private static async Task<IResult> ListAsync(string? after, int? limit, string? state, IGrainFactory grains)
    {
        var size = limit ?? JobPage.DefaultSize;
        var errors = JobPage.Validate(size, state);
        return errors.Count > 0 ? ApiProblems.Invalid(errors) : Results.Ok(await JobPage.ReadAsync(grains, after, size, state));
    }

    private static async Task<IResult> ScheduleAsync(string id, HttpRequest request, IGrainFactory grains, TimeProvider time)
    {
        JobDefinition? definition;
        try
        {
            // Read here rather than bound by the framework, so a bad body gets the same named error as an apply file.
            definition = await JsonSerializer.DeserializeAsync<JobDefinition>(request.Body, OschedJson.Options, request.HttpContext.RequestAborted);
        }
        catch (JsonException ex)
        {
            return ApiProblems.Invalid([JsonReadErrors.Describe(ex, "body")]);
        }

        if (definition is null)
        {
            return ApiProblems.Invalid(["body: is empty; expected a job definition such as {\"every\":\"1s\",\"handler\":\"log\"}"]);
        }

        var errors = new List<string>();
        if (definition.Id is not null && definition.Id != id)
        {
            errors.Add($"id: \"{definition.Id}\" in the body does not match \"{id}\" in the path");
        }

        var spec = (definition with { Id = id }).ToSpec(time.GetUtcNow(), errors);
        if (errors.Count > 0 || spec is null)
        {
            return ApiProblems.Invalid(errors);
        }

        var existed = await grains.GetGrain<IJobGrain>(id).Get() is not null;
        var job = await grains.GetGrain<IJobGrain>(id).Schedule(spec);
        return existed ? Results.Ok(JobView.From(job)) : Results.Created($"/api/jobs/{Uri.EscapeDataString(id)}", JobView.From(job));
    }
}
