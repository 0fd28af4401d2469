using System.Globalization;
using OrleansScheduler.Json;

namespace OrleansScheduler.Cli.Output;

/// <summary>Formats one job as readable text, for <c>show</c>, <c>schedule</c>, <c>pause</c> and <c>resume</c>.</summary>
internal static class JobText
{
    /// <summary>Writes every field of a job, one <c>name: value</c> line each.</summary>
    public static void WriteDetails(TextWriter writer, JobInfo job)
    {
        var view = JobView.From(job);
        var zone = Zone(job);
        var lines = new List<(string Name, string Value)>
        {
            ("id", job.Id),
            ("schedule", view.Schedule),
            ("handler", view.Handler),
            ("queue", view.Queue),
            ("payload", job.Spec.Payload ?? Instants.None),
            ("max attempts", view.MaxAttempts.ToString(CultureInfo.InvariantCulture)),
            ("misfire", view.Misfire),
            ("overlap", view.Overlap),
            ("timeout", view.Timeout ?? "scheduler default"),
            ("paused", job.Paused ? "yes" : "no"),
            ("next due", job.NextDue is { } next ? Instants.UtcAndLocal(next, zone) : Instants.None),
            ("last enqueued", Instants.Utc(job.LastEnqueued)),
            ("last run", job.LastRun is { } run ? LastRun(run) : Instants.None),
            ("counts", $"{job.Counts.Succeeded} succeeded, {job.Counts.Failed} failed, {job.Counts.Skipped} skipped, {job.Counts.DeadLettered} dead-lettered"),
            ("missed", view.Missed is { } missed ? Missed(missed) : Instants.None),
            ("created", Instants.Utc(job.CreatedAt)),
            ("updated", Instants.Utc(job.UpdatedAt)),
        };
        if (job.Spec.Schedule.Kind == ScheduleKind.Interval)
        {
            lines.Insert(2, ("start", view.Start ?? Instants.None));
        }

        var width = lines.Max(l => l.Name.Length) + 2;
        foreach (var (name, value) in lines)
        {
            writer.WriteLine((name + ":").PadRight(width) + value);
        }
    }

    /// <summary>One line after a state change, e.g. <c>job "x" paused: every 5s; next due -</c>.</summary>
    public static string Summary(JobInfo job, string what) =>
        $"job \"{job.Id}\" {what}: {job.Spec.Schedule}{(job.Paused ? " (paused)" : "")}; next due {NextDue(job)}";

    /// <summary>The last run in one phrase, e.g. <c>Succeeded, attempt 1, 2026-…Z on silo-1</c>.</summary>
    public static string LastRun(RunRecord run)
    {
        var when = Instants.Utc(run.FinishedAt ?? run.StartedAt ?? run.Occurrence);
        var text = $"{run.Status}, attempt {run.Attempt.ToString(CultureInfo.InvariantCulture)}, {when}";
        if (run.Silo is not null)
        {
            text += $" on {run.Silo}";
        }

        return run.Error is null ? text : $"{text}: {run.Error}";
    }

    /// <summary>Missed runs in one phrase, e.g. <c>3, latest 2026-…Z (overlap)</c>.</summary>
    private static string Missed(MissedView missed) =>
        $"{missed.Count.ToString(CultureInfo.InvariantCulture)}, latest {missed.Last} ({missed.Reason})";

    private static string NextDue(JobInfo job) =>
        job.NextDue is { } next ? Instants.UtcAndLocal(next, Zone(job)) : Instants.None;

    private static TimeZoneInfo Zone(JobInfo job) =>
        job.Spec.Schedule.Kind == ScheduleKind.Cron && TimeZoneInfo.TryFindSystemTimeZoneById(job.Spec.Schedule.TimeZone, out var zone)
            ? zone
            : TimeZoneInfo.Utc;
}
