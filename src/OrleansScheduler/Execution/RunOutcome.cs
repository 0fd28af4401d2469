namespace OrleansScheduler.Execution;

/// <summary>How one attempt ended.</summary>
[GenerateSerializer, Immutable, Alias("osched.RunOutcome")]
public sealed record RunOutcome
{
    /// <summary><see cref="RunStatus.Succeeded"/> or <see cref="RunStatus.Failed"/>.</summary>
    [Id(0)] public RunStatus Status { get; init; }

    /// <summary>When the handler started.</summary>
    [Id(1)] public DateTimeOffset StartedAt { get; init; }

    /// <summary>When it finished.</summary>
    [Id(2)] public DateTimeOffset FinishedAt { get; init; }

    /// <summary>The error of a failed attempt.</summary>
    [Id(3)] public string? Error { get; init; }

    /// <summary>
    /// The attempt was cut short because its silo is shutting down: it did not fail by itself, and it is not settled
    /// (its run was handed back to its queue first).
    /// </summary>
    [Id(4)] public bool Interrupted { get; init; }
}
