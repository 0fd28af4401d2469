namespace OrleansScheduler.Execution;

/// <summary>One attempt of a run, handed by a silo's run executor to its local worker grain.</summary>
[GenerateSerializer, Immutable, Alias("osched.RunRequest")]
public sealed record RunRequest
{
    /// <summary>The run id (the handler's idempotency key).</summary>
    [Id(0)] public required string RunId { get; init; }

    /// <summary>The job id.</summary>
    [Id(1)] public required string JobId { get; init; }

    /// <summary>The nominal time of the occurrence.</summary>
    [Id(2)] public DateTimeOffset Occurrence { get; init; }

    /// <summary>The attempt number, from 1.</summary>
    [Id(3)] public int Attempt { get; init; } = 1;

    /// <summary>The handler name.</summary>
    [Id(4)] public required string Handler { get; init; }

    /// <summary>The payload JSON.</summary>
    [Id(5)] public string? Payload { get; init; }

    /// <summary>How long the attempt may run.</summary>
    [Id(6)] public TimeSpan Timeout { get; init; }
}
