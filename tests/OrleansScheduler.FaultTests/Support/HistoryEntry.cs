using System.Text.Json.Nodes;

namespace OrleansScheduler.FaultTests.Support;

/// <summary>One entry of <c>osched history --json</c>.</summary>
public sealed record HistoryEntry(string RunId, DateTimeOffset? Occurrence, string Status, int Attempt, string? Silo, string? Error)
{
    /// <summary>Reads one entry; a missing run id or status fails the test with the entry in the message.</summary>
    public static HistoryEntry From(JsonNode? node)
    {
        var entry = node as JsonObject ?? throw new Xunit.Sdk.XunitException($"history entry is not an object: {node?.ToJsonString()}");
        return new HistoryEntry(
            (string?)entry["runId"] ?? throw new Xunit.Sdk.XunitException($"history entry has no runId: {entry.ToJsonString()}"),
            Instant.TryParse((string?)entry["occurrence"]),
            (string?)entry["status"] ?? throw new Xunit.Sdk.XunitException($"history entry has no status: {entry.ToJsonString()}"),
            (int?)entry["attempt"] ?? 0,
            (string?)entry["silo"],
            (string?)entry["error"]);
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Status} {RunId} (attempt {Attempt}, silo {Silo ?? "-"}){(Error is null ? "" : ": " + Error)}";
}
