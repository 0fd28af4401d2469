namespace OrleansScheduler.Json;

/// <summary>A job's missed runs as printed in JSON (the <c>missed</c> field of <see cref="JobView"/>).</summary>
public sealed record MissedView
{
    /// <summary>Occurrences skipped by a policy in all (the same number as <c>counts.skipped</c>).</summary>
    public long Count { get; init; }

    /// <summary>The nominal time of the latest missed occurrence, UTC ISO 8601 with milliseconds.</summary>
    public required string Last { get; init; }

    /// <summary>Why it was missed: <c>misfire</c> or <c>overlap</c>.</summary>
    public required string Reason { get; init; }

    /// <summary>The view of a job's missed runs; null when it never missed one.</summary>
    public static MissedView? From(MissedRun? lastMissed, RunCounts counts) => lastMissed is null
        ? null
        : new MissedView
        {
            Count = counts.Skipped,
            Last = InstantFormat.Format(lastMissed.Occurrence),
            Reason = lastMissed.Reason,
        };
}
