using System.Text.Json.Nodes;
using OrleansScheduler.Testing;

namespace OrleansScheduler.EndToEndTests.Support;

/// <summary>Checks osched's exit code and reads its JSON output; failures carry the command line and both outputs.</summary>
public static class OschedOutput
{
    /// <summary>Asserts that the run exited with <paramref name="expected"/>, and returns it.</summary>
    public static CliResult ExitedWith(this CliResult result, int expected)
    {
        Assert.True(result.ExitCode == expected, $"expected exit code {expected}: {result}");
        return result;
    }

    /// <summary>Asserts that the run exited 0, and returns it.</summary>
    public static CliResult Succeeded(this CliResult result) => result.ExitedWith(0);

    /// <summary>Parses stdout as one JSON object.</summary>
    public static JsonObject JsonObject(this CliResult result) =>
        Parse(result) as JsonObject ?? throw new Xunit.Sdk.XunitException($"stdout is not a JSON object: {result}");

    /// <summary>Parses stdout as one JSON array.</summary>
    public static JsonArray JsonArray(this CliResult result) =>
        Parse(result) as JsonArray ?? throw new Xunit.Sdk.XunitException($"stdout is not a JSON array: {result}");

    /// <summary>Parses the stdout of <c>osched history --json</c>.</summary>
    public static IReadOnlyList<HistoryRun> HistoryRuns(this CliResult result) =>
        [.. result.JsonArray().Select(HistoryRun.From)];

    private static JsonNode? Parse(CliResult result)
    {
        try
        {
            return JsonNode.Parse(result.Stdout);
        }
        catch (System.Text.Json.JsonException ex)
        {
            throw new Xunit.Sdk.XunitException($"stdout is not JSON ({ex.Message}): {result}");
        }
    }
}
