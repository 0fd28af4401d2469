using OrleansScheduler.Json;
using OrleansScheduler.Scheduling;

namespace OrleansScheduler.Silo.Api;

/// <summary>
/// Upcoming occurrences, worked out with the scheduler's own rules (<see cref="CompiledSchedule"/>, as
/// <c>osched next</c>): <c>/api/jobs/{id}/next</c> for one job and <c>/api/timeline</c> for a page of jobs.
/// </summary>
internal static class OccurrencesApi
{
    /// <summary>The default of <c>count</c>, as <c>osched next --count</c>.</summary>
    public const int DefaultCount = 5;

    /// <summary>The largest <c>count</c>, as <c>osched next --count</c>.</summary>
    public const int MaxCount = 1000;

    /// <summary>The default timeline window.</summary>
    public const int DefaultMinutes = 60;

    /// <summary>The longest timeline window: a day.</summary>
    public const int MaxMinutes = 1440;

    /// <summary>The default of <c>ticks</c>, the most occurrences listed per job.</summary>
    public const int DefaultTicks = 120;

    /// <summary>The largest <c>ticks</c>.</summary>
    public const int MaxTicks = 1000;

    public static void MapOccurrencesApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/jobs/{id}/next", NextAsync).AddEndpointFilter(JobIdFilter.Instance).WithTags("Jobs")
            .WithSummary("The next occurrences of a job's schedule after now (count 1-1000, default 5), in UTC and in its time zone, whether or not it is paused");
        app.MapGet("/api/timeline", TimelineAsync).WithTags("Jobs")
            .WithSummary("Occurrences in the next minutes (1-1440, default 60) of a page of active jobs, at most ticks (1-1000, default 120) per job, spread over the window");
    }

    private static async Task<IResult> NextAsync(string id, int? count, IGrainFactory grains, TimeProvider time)
    {
        var wanted = count ?? DefaultCount;
        if (wanted is < 1 or > MaxCount)
        {
            return ApiProblems.Invalid([$"count: {wanted} is outside 1-{MaxCount}"]);
        }

        if (await grains.GetGrain<IJobGrain>(id).Get() is not { } job)
        {
            return ApiProblems.NotFound($"job \"{id}\" does not exist");
        }

        return Results.Ok(Next(job, time.GetUtcNow(), wanted));
    }

    /// <summary>The next <paramref name="count"/> occurrences of a job's schedule after <paramref name="now"/>, read in its zone.</summary>
    public static IReadOnlyList<OccurrenceView> Next(JobInfo job, DateTimeOffset now, int count)
    {
        var schedule = job.Spec.Schedule;
        var zone = schedule.Kind == ScheduleKind.Cron ? TimeZoneInfo.FindSystemTimeZoneById(schedule.TimeZone) : TimeZoneInfo.Utc;
        return [.. CompiledSchedule.Compile(schedule).GetNextOccurrences(now, count).Select(o => OccurrenceView.From(o, zone))];
    }

    private static async Task<IResult> TimelineAsync(int? minutes, int? ticks, string? after, int? limit, IGrainFactory grains, TimeProvider time)
    {
        var window = minutes ?? DefaultMinutes;
        var perJob = ticks ?? DefaultTicks;
        var size = limit ?? JobPage.DefaultSize;
        List<string> errors = [.. JobPage.Validate(size, state: null)];
        if (window is < 1 or > MaxMinutes)
        {
            errors.Add($"minutes: {window} is outside 1-{MaxMinutes}");
        }

        if (perJob is < 1 or > MaxTicks)
        {
            errors.Add($"ticks: {perJob} is outside 1-{MaxTicks}");
        }

        if (errors.Count > 0)
        {
            return ApiProblems.Invalid(errors);
        }

        var now = time.GetUtcNow();
        var from = InstantFormat.ToWholeMilliseconds(now);
        var to = from.AddMinutes(window);
        var (jobs, next) = await JobPage.ReadJobsAsync(grains, after, size, "active");
        var rows = new List<TimelineRow>();
        foreach (var job in jobs.Where(j => j.NextDue is not null))
        {
            var (occurrences, thinned) = Spread(CompiledSchedule.Compile(job.Spec.Schedule), from, to, perJob);
            if (occurrences.Count > 0)
            {
                rows.Add(new TimelineRow(job.Id, job.Spec.Schedule.ToString(), [.. occurrences.Select(InstantFormat.Format)], thinned));
            }
        }

        return Results.Ok(new TimelineView(InstantFormat.Format(from), InstantFormat.Format(to), perJob, rows, next));
    }

    /// <summary>
    /// The occurrences in (<paramref name="from"/>, <paramref name="to"/>], at most one per slot of the window cut into
    /// <paramref name="slots"/>. Taking the first N instead would draw an every-second job as a block in the first
    /// minutes and nothing after; one per slot shows it firing across the whole window, with at most 3 schedule
    /// look-ups per slot however dense the schedule is.
    /// </summary>
    private static (List<DateTimeOffset> Occurrences, bool Thinned) Spread(CompiledSchedule schedule, DateTimeOffset from, DateTimeOffset to, int slots)
    {
        var slot = Math.Max(1, (to - from).Ticks / slots);
        var result = new List<DateTimeOffset>();
        var thinned = false;
        var next = schedule.GetNextOccurrence(from);
        while (next is { } occurrence && occurrence <= to && result.Count < slots)
        {
            result.Add(occurrence);
            var slotEnd = from.AddTicks(slot * (((occurrence - from).Ticks / slot) + 1));
            next = schedule.GetNextOccurrence(occurrence);
            if (next is { } inSameSlot && inSameSlot < slotEnd)
            {
                thinned |= inSameSlot <= to;
                next = schedule.GetNextOccurrence(slotEnd.AddTicks(-1));
            }
        }

        thinned |= next is { } left && left <= to;
        return (result, thinned);
    }
}
