using OrleansScheduler.Cli.Tests.Support;

namespace OrleansScheduler.Cli.Tests;

/// <summary>pause, resume, trigger and delete: one grain call each on an existing job.</summary>
public sealed class JobControlCommandsTests
{
    private readonly FakeCluster _cluster = new();

    [Fact]
    public async Task Pause_PausesAndSaysSo_WhenTheJobExists()
    {
        _cluster.Grain("tick").Job = Jobs.Every("tick", TimeSpan.FromSeconds(5));

        var run = await Osched.RunAsync(_cluster, "pause", "tick");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal(["job \"tick\" paused: every 5s (paused); next due -"], run.OutLines);
        Assert.True(_cluster.Grain("tick").Job!.Paused);
    }

    [Fact]
    public async Task Resume_ResumesAndPrintsTheNextDueTime_WhenTheJobIsPaused()
    {
        _cluster.Grain("tick").Job = Jobs.Every("tick", TimeSpan.FromSeconds(5)) with { Paused = true };

        var run = await Osched.RunAsync(_cluster, "resume", "tick");

        Assert.Equal(["job \"tick\" resumed: every 5s; next due 2026-03-01T12:01:00.000Z  (2026-03-01 12:01:00 +00:00 UTC)"], run.OutLines);
        Assert.False(_cluster.Grain("tick").Job!.Paused);
    }

    [Fact]
    public async Task Trigger_PrintsOnlyTheRunId_WhenTheJobExists()
    {
        _cluster.Grain("tick").Job = Jobs.Every("tick", TimeSpan.FromSeconds(5));

        var run = await Osched.RunAsync(_cluster, "trigger", "tick");

        Assert.Equal("tick@manual-1" + Environment.NewLine, run.Out);
    }

    [Fact]
    public async Task Delete_DeletesAndSaysSo_WhenTheJobExists()
    {
        _cluster.Grain("tick").Job = Jobs.Every("tick", TimeSpan.FromSeconds(5));

        var run = await Osched.RunAsync(_cluster, "delete", "tick");

        Assert.Equal(["job \"tick\" deleted"], run.OutLines);
        Assert.Null(_cluster.Grain("tick").Job);
    }

    [Theory]
    [InlineData("pause")]
    [InlineData("resume")]
    [InlineData("trigger")]
    [InlineData("delete")]
    public async Task Command_ExitsWith1AndSaysSo_WhenTheJobDoesNotExist(string command)
    {
        var run = await Osched.RunAsync(_cluster, command, "missing");

        Assert.Equal(ExitCodes.Failure, run.ExitCode);
        Assert.Equal(["osched: job \"missing\" does not exist"], run.ErrorLines);
        Assert.Equal("", run.Out);
    }

    [Theory]
    [InlineData("pause")]
    [InlineData("resume")]
    [InlineData("trigger")]
    [InlineData("delete")]
    public async Task Command_ExitsWith2_WhenTheIdIsInvalid(string command)
    {
        var run = await Osched.RunAsync(_cluster, command, "bad id!");

        Osched.AssertInvalid(_cluster, run, "id: \"bad id!\" has a character outside [A-Za-z0-9._:-]");
    }

    [Theory]
    [InlineData("pause")]
    [InlineData("trigger")]
    public async Task Command_ExitsWith1WithTheConnectionError_WhenTheClusterIsUnreachable(string command)
    {
        _cluster.ConnectFailure = CliException.Failure("cannot reach the cluster through Redis at r:1 (service-id s, cluster-id c): down");

        var run = await Osched.RunAsync(_cluster, command, "tick");

        Assert.Equal(ExitCodes.Failure, run.ExitCode);
        Assert.Equal(["osched: cannot reach the cluster through Redis at r:1 (service-id s, cluster-id c): down"], run.ErrorLines);
    }
}
