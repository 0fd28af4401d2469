using System.Text.Json;

namespace OrleansScheduler.Benchmarks.Infrastructure;

/// <summary>
/// One history entry as the scheduler stores it in Redis (<c>Runs/HistoryEntry</c>: times in Unix milliseconds). The
/// measurements come from these, so the benchmark adds nothing to the path it measures.
/// </summary>
internal sealed record StoredRun
{
    /// <summary>The status of a run whose handler succeeded.</summary>
    public const string Succeeded = "Succeeded";

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    /// <summary>The run id, <c>{jobId}@{nominal time}</c>.</summary>
    public required string RunId { get; init; }

    /// <summary>The job.</summary>
    public required string JobId { get; init; }

    /// <summary>The nominal time, Unix ms.</summary>
    public long Occurrence { get; init; }

    /// <summary>The attempt, from 1 (0 for a skipped-occurrence record).</summary>
    public int Attempt { get; init; } = 1;

    /// <summary><c>Succeeded</c>, <c>Failed</c>, <c>Skipped</c> or <c>DeadLettered</c>.</summary>
    public required string Status { get; init; }

    /// <summary>The silo that ran it.</summary>
    public string? Silo { get; init; }

    /// <summary>When the handler started, Unix ms (truncated to the millisecond by the scheduler).</summary>
    public long? StartedAt { get; init; }

    /// <summary>When the handler finished, Unix ms.</summary>
    public long? FinishedAt { get; init; }

    /// <summary>Whether this is a first attempt that succeeded: two of these for one run id mean it ran twice.</summary>
    public bool IsFirstSuccess => Attempt == 1 && Status == Succeeded;

    /// <summary>Parses one stored entry.</summary>
    /// <exception cref="JsonException">It is not a history entry.</exception>
    public static StoredRun Parse(string json) =>
        JsonSerializer.Deserialize<StoredRun>(json, Options) ?? throw new JsonException($"history entry is null: {json}");
}
