namespace OrleansScheduler.Json;

/// <summary>
/// A job as <c>osched show --json</c>, <c>osched list --json</c> and the HTTP API print it: the definition fields of
/// <see cref="JobDefinition"/> plus its state. The field names and formats are a stable contract.
/// </summary>
public sealed record JobView
{
    /// <summary>The job id.</summary>
    public required string Id { get; init; }

    /// <summary>The schedule in words, e.g. <c>every 1s</c> or <c>cron "0 0 12 * * *" Europe/Berlin</c>.</summary>
    public required string Schedule { get; init; }

    /// <summary>The cron expression, for cron jobs.</summary>
    public string? Cron { get; init; }

    /// <summary>The interval, for interval jobs.</summary>
    public string? Every { get; init; }

    /// <summary>The interval's anchor, for interval jobs (UTC ISO 8601).</summary>
    public string? Start { get; init; }

    /// <summary>The instant, for one-shot jobs (UTC ISO 8601).</summary>
    public string? At { get; init; }

    /// <summary>The time zone the schedule is read in.</summary>
    public required string Tz { get; init; }

    /// <summary>The handler name.</summary>
    public required string Handler { get; init; }

    /// <summary>The payload, as JSON.</summary>
    public System.Text.Json.JsonElement? Payload { get; init; }

    /// <summary>The queue.</summary>
    public required string Queue { get; init; }

    /// <summary>Attempts per run.</summary>
    public int MaxAttempts { get; init; }

    /// <summary>The misfire policy.</summary>
    public required string Misfire { get; init; }

    /// <summary>The overlap policy.</summary>
    public required string Overlap { get; init; }

    /// <summary>The run timeout, when set.</summary>
    public string? Timeout { get; init; }

    /// <summary>Whether the job is paused.</summary>
    public bool Paused { get; init; }

    /// <summary>The next occurrence, UTC ISO 8601; null when paused or finished.</summary>
    public string? NextDue { get; init; }

    /// <summary>The nominal time of the latest occurrence enqueued.</summary>
    public string? LastEnqueued { get; init; }

    /// <summary>The latest history entry.</summary>
    public RunView? LastRun { get; init; }

    /// <summary>History outcomes by status.</summary>
    public required RunCountsView Counts { get; init; }

    /// <summary>How many occurrences were skipped by a policy, and the latest of them; null when the job never missed a run.</summary>
    public MissedView? Missed { get; init; }

    /// <summary>When the job was created.</summary>
    public required string CreatedAt { get; init; }

    /// <summary>When its definition or paused state last changed.</summary>
    public required string UpdatedAt { get; init; }

    /// <summary>Builds the view of a job.</summary>
    public static JobView From(JobInfo job)
    {
        var definition = JobDefinition.FromSpec(job.Id, job.Spec);
        return new JobView
        {
            Id = job.Id,
            Schedule = job.Spec.Schedule.ToString(),
            Cron = definition.Cron,
            Every = definition.Every,
            Start = definition.Start,
            At = definition.At,
            Tz = job.Spec.Schedule.Kind == ScheduleKind.Cron ? job.Spec.Schedule.TimeZone : JobSchedule.DefaultTimeZone,
            Handler = job.Spec.Handler,
            Payload = definition.Payload,
            Queue = job.Spec.Queue,
            MaxAttempts = job.Spec.MaxAttempts,
            Misfire = job.Spec.Misfire.ToString(),
            Overlap = job.Spec.Overlap.ToString(),
            Timeout = definition.Timeout,
            Paused = job.Paused,
            NextDue = InstantFormat.Format(job.NextDue),
            LastEnqueued = InstantFormat.Format(job.LastEnqueued),
            LastRun = job.LastRun is null ? null : RunView.From(job.LastRun),
            Counts = RunCountsView.From(job.Counts),
            Missed = MissedView.From(job.LastMissed, job.Counts),
            CreatedAt = InstantFormat.Format(job.CreatedAt),
            UpdatedAt = InstantFormat.Format(job.UpdatedAt),
        };
    }
}
