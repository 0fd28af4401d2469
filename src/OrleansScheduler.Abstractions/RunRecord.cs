namespace OrleansScheduler;

/// <summary>One entry of a job's run history: an attempt of a run, or a skipped occurrence.</summary>
[GenerateSerializer, Immutable, Alias("osched.RunRecord")]
public sealed record RunRecord
{
    /// <summary>The run id, <c>{jobId}@{nominal UTC time}</c> for scheduled occurrences; the handler's idempotency key.</summary>
    [Id(0)] public required string RunId { get; init; }

    /// <summary>The job the run belongs to.</summary>
    [Id(1)] public required string JobId { get; init; }

    /// <summary>The nominal time of the occurrence (when it was due), in UTC.</summary>
    [Id(2)] public DateTimeOffset Occurrence { get; init; }

    /// <summary>The attempt number, from 1.</summary>
    [Id(3)] public int Attempt { get; init; } = 1;

    /// <summary>The outcome.</summary>
    [Id(4)] public RunStatus Status { get; init; }

    /// <summary>The silo that executed the attempt, if any.</summary>
    [Id(5)] public string? Silo { get; init; }

    /// <summary>When the handler started.</summary>
    [Id(6)] public DateTimeOffset? StartedAt { get; init; }

    /// <summary>When the handler finished.</summary>
    [Id(7)] public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>The error, or the reason an occurrence was skipped.</summary>
    [Id(8)] public string? Error { get; init; }
}
