using System.Text.Json.Nodes;
using OrleansScheduler.Testing;

namespace OrleansScheduler.FaultTests.Support;

/// <summary>Checks osched's exit code and reads its JSON output; failures carry the command line and both outputs.</summary>
public static class CliOutput
{
    /// <summary>Asserts that the run exited 0, and returns it.</summary>
    public static CliResult Succeeded(this CliResult result)
    {
        Assert.True(result.ExitCode == 0, $"expected exit code 0: {result}");
        return result;
    }

    /// <summary>Parses stdout as one JSON array.</summary>
    public static JsonArray JsonArray(this CliResult result)
    {
        try
        {
            return JsonNode.Parse(result.Stdout) as JsonArray ?? throw new Xunit.Sdk.XunitException($"stdout is not a JSON array: {result}");
        }
        catch (System.Text.Json.JsonException ex)
        {
            throw new Xunit.Sdk.XunitException($"stdout is not JSON ({ex.Message}): {result}");
        }
    }
}
