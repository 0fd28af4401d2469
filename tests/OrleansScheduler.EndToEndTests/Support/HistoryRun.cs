using System.Text.Json.Nodes;

namespace OrleansScheduler.EndToEndTests.Support;

/// <summary>One entry of <c>osched history --json</c>, with its instants parsed.</summary>
public sealed record HistoryRun(string RunId, DateTimeOffset Occurrence, string Status, string? Silo, DateTimeOffset? StartedAt, int Attempt)
{
    /// <summary>How long after its nominal time the run started; null when it never started.</summary>
    public TimeSpan? Lag => StartedAt - Occurrence;

    /// <summary>Reads one entry; a missing required field fails the test with the entry in the message.</summary>
    public static HistoryRun From(JsonNode? node)
    {
        var entry = Assert.IsType<JsonObject>(node);
        return new HistoryRun(
            Required(entry, "runId"),
            Instant.Parse(Required(entry, "occurrence")),
            Required(entry, "status"),
            (string?)entry["silo"],
            entry["startedAt"] is { } started ? Instant.Parse((string)started!) : null,
            (int?)entry["attempt"] ?? 0);
    }

    private static string Required(JsonObject entry, string name) =>
        (string?)entry[name] ?? throw new Xunit.Sdk.XunitException($"history entry has no \"{name}\": {entry.ToJsonString()}");
}
