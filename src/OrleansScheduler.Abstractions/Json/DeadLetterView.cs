namespace OrleansScheduler.Json;

/// <summary>
/// A dead-lettered run as <c>osched dead-letters --json</c> and the HTTP API print it. The field names and formats are
/// a stable contract; <c>error</c> and <c>silo</c> are left out when unknown.
/// </summary>
public sealed record DeadLetterView
{
    /// <summary>The run id, the argument of <c>osched requeue</c>.</summary>
    public required string RunId { get; init; }

    /// <summary>The job the run belongs to.</summary>
    public required string JobId { get; init; }

    /// <summary>The nominal (due) time of the occurrence, UTC ISO 8601.</summary>
    public required string Occurrence { get; init; }

    /// <summary>How many attempts were made.</summary>
    public int Attempts { get; init; }

    /// <summary>The handler that failed.</summary>
    public required string Handler { get; init; }

    /// <summary>The queue the run came from, and goes back to when requeued.</summary>
    public required string Queue { get; init; }

    /// <summary>The last attempt's error.</summary>
    public string? Error { get; init; }

    /// <summary>When the run was dead-lettered, UTC ISO 8601.</summary>
    public required string DeadLetteredAt { get; init; }

    /// <summary>The silo that ran the last attempt.</summary>
    public string? Silo { get; init; }

    /// <summary>Builds the view of a dead letter.</summary>
    public static DeadLetterView From(DeadLetter deadLetter)
    {
        ArgumentNullException.ThrowIfNull(deadLetter);
        return new DeadLetterView
        {
            RunId = deadLetter.RunId,
            JobId = deadLetter.JobId,
            Occurrence = InstantFormat.Format(deadLetter.Occurrence),
            Attempts = deadLetter.Attempts,
            Handler = deadLetter.Handler,
            Queue = deadLetter.Queue,
            Error = deadLetter.Error,
            DeadLetteredAt = InstantFormat.Format(deadLetter.DeadLetteredAt),
            Silo = deadLetter.Silo,
        };
    }
}
