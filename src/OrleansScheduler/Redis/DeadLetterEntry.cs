namespace OrleansScheduler.Redis;

/// <summary>A dead letter as stored in Redis (times as Unix ms). An upgrade contract.</summary>
internal sealed record DeadLetterEntry
{
    public required string RunId { get; init; }

    public required string JobId { get; init; }

    public required long Occurrence { get; init; }

    public int Attempts { get; init; }

    public required string Handler { get; init; }

    public required string Queue { get; init; }

    public string? Error { get; init; }

    public long DeadAt { get; init; }

    public string? Silo { get; init; }

    /// <summary>The run JSON to push when an operator requeues it: the same run id, attempt 1.</summary>
    public required string Requeue { get; init; }

    public DeadLetter ToDeadLetter() => new()
    {
        RunId = RunId,
        JobId = JobId,
        Occurrence = DateTimeOffset.FromUnixTimeMilliseconds(Occurrence),
        Attempts = Attempts,
        Handler = Handler,
        Queue = Queue,
        Error = Error,
        DeadLetteredAt = DateTimeOffset.FromUnixTimeMilliseconds(DeadAt),
        Silo = Silo,
    };
}
