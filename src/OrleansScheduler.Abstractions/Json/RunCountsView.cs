namespace OrleansScheduler.Json;

/// <summary>A job's run counts by status, as printed in JSON.</summary>
public sealed record RunCountsView
{
    /// <summary>Attempts that succeeded.</summary>
    public long Succeeded { get; init; }

    /// <summary>Attempts that failed.</summary>
    public long Failed { get; init; }

    /// <summary>Occurrences skipped by a policy.</summary>
    public long Skipped { get; init; }

    /// <summary>Runs dead-lettered.</summary>
    public long DeadLettered { get; init; }

    /// <summary>Builds the view of run counts.</summary>
    public static RunCountsView From(RunCounts counts) => new()
    {
        Succeeded = counts.Succeeded,
        Failed = counts.Failed,
        Skipped = counts.Skipped,
        DeadLettered = counts.DeadLettered,
    };
}
