namespace OrleansScheduler;

/// <summary>A job as the cluster knows it: its definition, state, next due time, last run and run counts.</summary>
[GenerateSerializer, Immutable, Alias("osched.JobInfo")]
public sealed record JobInfo
{
    /// <summary>The job id (the grain key).</summary>
    [Id(0)] public required string Id { get; init; }

    /// <summary>The definition, with an interval's anchor resolved.</summary>
    [Id(1)] public required JobSpec Spec { get; init; }

    /// <summary>Whether the job is paused.</summary>
    [Id(2)] public bool Paused { get; init; }

    /// <summary>The next occurrence that will be enqueued, in UTC; null when paused or when nothing is left.</summary>
    [Id(3)] public DateTimeOffset? NextDue { get; init; }

    /// <summary>The latest history entry, if any.</summary>
    [Id(4)] public RunRecord? LastRun { get; init; }

    /// <summary>Counts of history outcomes by status.</summary>
    [Id(5)] public RunCounts Counts { get; init; } = RunCounts.Empty;

    /// <summary>When the job was first scheduled.</summary>
    [Id(6)] public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When its definition or paused state last changed.</summary>
    [Id(7)] public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The nominal time of the latest occurrence enqueued, if any.</summary>
    [Id(8)] public DateTimeOffset? LastEnqueued { get; init; }

    /// <summary>The latest occurrence a policy skipped, and why; null when the job never missed a run (or last missed one before this was recorded).</summary>
    [Id(9)] public MissedRun? LastMissed { get; init; }
}
