namespace OrleansScheduler.Redis;

/// <summary>One history entry as stored in Redis (times as Unix milliseconds). An upgrade contract.</summary>
internal sealed record HistoryEntry
{
    public required string RunId { get; init; }

    public required string JobId { get; init; }

    public required long Occurrence { get; init; }

    public int Attempt { get; init; } = 1;

    public required RunStatus Status { get; init; }

    public string? Silo { get; init; }

    public long? StartedAt { get; init; }

    public long? FinishedAt { get; init; }

    public string? Error { get; init; }

    public RunRecord ToRecord() => new()
    {
        RunId = RunId,
        JobId = JobId,
        Occurrence = DateTimeOffset.FromUnixTimeMilliseconds(Occurrence),
        Attempt = Attempt,
        Status = Status,
        Silo = Silo,
        StartedAt = StartedAt is { } started ? DateTimeOffset.FromUnixTimeMilliseconds(started) : null,
        FinishedAt = FinishedAt is { } finished ? DateTimeOffset.FromUnixTimeMilliseconds(finished) : null,
        Error = Error,
    };
}
