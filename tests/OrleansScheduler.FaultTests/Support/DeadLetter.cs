using System.Text.Json.Nodes;

namespace OrleansScheduler.FaultTests.Support;

/// <summary>One entry of <c>osched dead-letters --json</c> (a <c>DeadLetterView</c>).</summary>
public sealed record DeadLetter(string RunId, string JobId, int Attempts, string? Error, string? Silo)
{
    /// <summary>Reads one entry; a missing run id fails the test with the entry in the message.</summary>
    public static DeadLetter From(JsonNode? node)
    {
        var entry = node as JsonObject ?? throw new Xunit.Sdk.XunitException($"dead letter is not an object: {node?.ToJsonString()}");
        return new DeadLetter(
            (string?)entry["runId"] ?? throw new Xunit.Sdk.XunitException($"dead letter has no runId: {entry.ToJsonString()}"),
            (string?)entry["jobId"] ?? "",
            (int?)entry["attempts"] ?? 0,
            (string?)entry["error"],
            (string?)entry["silo"]);
    }

    /// <inheritdoc/>
    public override string ToString() => $"{RunId} (attempts {Attempts}, silo {Silo ?? "-"}){(Error is null ? "" : ": " + Error)}";
}
