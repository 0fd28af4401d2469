namespace OrleansScheduler;

/// <summary>A run that exhausted its attempts, kept until an operator requeues it.</summary>
[GenerateSerializer, Immutable, Alias("osched.DeadLetter")]
public sealed record DeadLetter
{
    /// <summary>The run id; requeue it with <see cref="ISchedulerAdminGrain.Requeue"/>.</summary>
    [Id(0)] public required string RunId { get; init; }

    /// <summary>The job it belongs to.</summary>
    [Id(1)] public required string JobId { get; init; }

    /// <summary>The nominal time of the occurrence.</summary>
    [Id(2)] public DateTimeOffset Occurrence { get; init; }

    /// <summary>How many attempts were made.</summary>
    [Id(3)] public int Attempts { get; init; }

    /// <summary>The handler that failed.</summary>
    [Id(4)] public required string Handler { get; init; }

    /// <summary>The queue it ran from.</summary>
    [Id(5)] public required string Queue { get; init; }

    /// <summary>The last attempt's error.</summary>
    [Id(6)] public string? Error { get; init; }

    /// <summary>When it was dead-lettered.</summary>
    [Id(7)] public DateTimeOffset DeadLetteredAt { get; init; }

    /// <summary>The silo that ran the last attempt.</summary>
    [Id(8)] public string? Silo { get; init; }
}
