namespace OrleansScheduler.Json;

/// <summary>A history entry as <c>osched history --json</c> and the HTTP API print it. A stable contract.</summary>
public sealed record RunView
{
    /// <summary>The run id, <c>{jobId}@{nominal UTC time}</c> for scheduled occurrences.</summary>
    public required string RunId { get; init; }

    /// <summary>The nominal (due) time of the occurrence, UTC ISO 8601.</summary>
    public required string Occurrence { get; init; }

    /// <summary>The attempt number, from 1.</summary>
    public int Attempt { get; init; }

    /// <summary><c>Succeeded</c>, <c>Failed</c>, <c>Skipped</c> or <c>DeadLettered</c>.</summary>
    public required string Status { get; init; }

    /// <summary>The silo that executed it.</summary>
    public string? Silo { get; init; }

    /// <summary>When the handler started, UTC ISO 8601.</summary>
    public string? StartedAt { get; init; }

    /// <summary>When the handler finished, UTC ISO 8601.</summary>
    public string? FinishedAt { get; init; }

    /// <summary>The error, or why the occurrence was skipped.</summary>
    public string? Error { get; init; }

    /// <summary>Builds the view of a history entry.</summary>
    public static RunView From(RunRecord run) => new()
    {
        RunId = run.RunId,
        Occurrence = InstantFormat.Format(run.Occurrence),
        Attempt = run.Attempt,
        Status = run.Status.ToString(),
        Silo = run.Silo,
        StartedAt = InstantFormat.Format(run.StartedAt),
        FinishedAt = InstantFormat.Format(run.FinishedAt),
        Error = run.Error,
    };
}
