using System.Text.Json;
using OrleansScheduler.Cli.Tests.Support;

namespace OrleansScheduler.Cli.Tests;

public sealed class HistoryCommandTests
{
    private readonly FakeCluster _cluster = new();

    private FakeJobGrain JobWithRuns(int runs)
    {
        var grain = _cluster.Grain("nightly");
        grain.Job = Jobs.Cron("nightly");
        for (var minute = 0; minute < runs; minute++)
        {
            grain.AddHistory(Jobs.Run("nightly", minute, minute % 2 == 0 ? RunStatus.Succeeded : RunStatus.Failed, minute % 2 == 0 ? null : "line one\nline two"));
        }

        return grain;
    }

    [Fact]
    public async Task History_PrintsRunViewsNewestFirst_WhenJsonIsGiven()
    {
        JobWithRuns(3);

        var run = await Osched.RunAsync(_cluster, "history", "nightly", "--json");

        using var document = JsonDocument.Parse(run.Out);
        var runs = document.RootElement.EnumerateArray().ToList();
        Assert.Equal(3, runs.Count);
        Assert.Equal("nightly@2026-03-01T10:02:00.000Z", runs[0].GetProperty("runId").GetString());
        Assert.Equal("2026-03-01T10:02:00.000Z", runs[0].GetProperty("occurrence").GetString());
        Assert.Equal("Succeeded", runs[0].GetProperty("status").GetString());
        Assert.Equal("line one\nline two", runs[1].GetProperty("error").GetString());
    }

    [Fact]
    public async Task History_PrintsATable_WhenJsonIsNotGiven()
    {
        JobWithRuns(2);

        var run = await Osched.RunAsync(_cluster, "history", "nightly");

        Assert.Equal(
        [
            "RUN ID                            ATTEMPT  STATUS     STARTED                   DURATION  SILO    ERROR",
            "nightly@2026-03-01T10:01:00.000Z  1        Failed     2026-03-01T10:01:00.005Z  1s500ms   silo-1  line one line two",
            "nightly@2026-03-01T10:00:00.000Z  1        Succeeded  2026-03-01T10:00:00.005Z  1s500ms   silo-1",
        ], run.OutLines);
    }

    [Fact]
    public async Task History_ReturnsAtMostTheLimit_WhenLimitIsGiven()
    {
        JobWithRuns(30);

        var limited = await Osched.RunAsync(_cluster, "history", "nightly", "--limit", "3", "--json");
        var byDefault = await Osched.RunAsync(_cluster, "history", "nightly", "--json");

        using var three = JsonDocument.Parse(limited.Out);
        using var twenty = JsonDocument.Parse(byDefault.Out);
        Assert.Equal(3, three.RootElement.GetArrayLength());
        Assert.Equal(20, twenty.RootElement.GetArrayLength());
    }

    [Theory]
    [InlineData("0", "limit: 0 is outside 1-1000")]
    [InlineData("1001", "limit: 1001 is outside 1-1000")]
    [InlineData("ten", "limit: \"ten\" is not a whole number")]
    public async Task History_ExitsWith2_WhenLimitIsOutOfRange(string limit, string expected)
    {
        var run = await Osched.RunAsync(_cluster, "history", "nightly", "--limit", limit);

        Osched.AssertInvalid(_cluster, run, expected);
    }

    [Fact]
    public async Task History_SaysSo_WhenTheJobHasNoHistory()
    {
        JobWithRuns(0);

        var run = await Osched.RunAsync(_cluster, "history", "nightly");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal(["job \"nightly\" has no history"], run.OutLines);
    }

    [Fact]
    public async Task History_ExitsWith1_WhenTheJobDoesNotExist()
    {
        var run = await Osched.RunAsync(_cluster, "history", "missing");

        Assert.Equal(ExitCodes.Failure, run.ExitCode);
        Assert.Equal(["osched: job \"missing\" does not exist"], run.ErrorLines);
    }
}
