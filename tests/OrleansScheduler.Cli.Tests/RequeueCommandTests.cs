using OrleansScheduler.Cli.Tests.Support;

namespace OrleansScheduler.Cli.Tests;

public sealed class RequeueCommandTests
{
    private readonly FakeCluster _cluster = new();

    [Fact]
    public async Task Requeue_PrintsRequeuedAndExitsWith0_WhenTheRunIsDeadLettered()
    {
        _cluster.Admin.AddDeadLetter(Jobs.DeadLetter("nightly", 5));

        var run = await Osched.RunAsync(_cluster, "requeue", "nightly@2026-03-01T10:05:00.000Z");

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.Equal("requeued nightly@2026-03-01T10:05:00.000Z" + Environment.NewLine, run.Out);
        Assert.Equal("", run.Error);
        Assert.Equal(["nightly@2026-03-01T10:05:00.000Z"], _cluster.Admin.Requeued);
    }

    [Fact]
    public async Task Requeue_ExitsWith1AndSaysSo_WhenNoDeadLetterHasTheRunId()
    {
        _cluster.Admin.AddDeadLetter(Jobs.DeadLetter("nightly", 5));

        var run = await Osched.RunAsync(_cluster, "requeue", "nightly@2026-03-01T10:06:00.000Z");

        Assert.Equal(ExitCodes.Failure, run.ExitCode);
        Assert.Equal(["osched: no dead letter has run id \"nightly@2026-03-01T10:06:00.000Z\""], run.ErrorLines);
        Assert.Equal("", run.Out);
        Assert.Empty(_cluster.Admin.Requeued);
    }

    [Fact]
    public async Task Requeue_ExitsWith1_WhenTheRunWasRequeuedAlready()
    {
        _cluster.Admin.AddDeadLetter(Jobs.DeadLetter("nightly", 5));
        await Osched.RunAsync(_cluster, "requeue", "nightly@2026-03-01T10:05:00.000Z");

        var again = await Osched.RunAsync(_cluster, "requeue", "nightly@2026-03-01T10:05:00.000Z");

        Assert.Equal(ExitCodes.Failure, again.ExitCode);
        Assert.Equal(["osched: no dead letter has run id \"nightly@2026-03-01T10:05:00.000Z\""], again.ErrorLines);
    }

    [Fact]
    public async Task Requeue_PassesTheRunIdAsGiven_WhenItIsAManualRun()
    {
        const string manual = "nightly@manual-2026-03-01T10:05:00.000Z-0a1b2c3d";
        _cluster.Admin.AddDeadLetter(Jobs.DeadLetter("nightly", 5) with { RunId = manual });

        var run = await Osched.RunAsync(_cluster, "requeue", manual);

        Assert.Equal([$"requeued {manual}"], run.OutLines);
    }

    [Fact]
    public async Task Requeue_ExitsWith2_WhenTheRunIdIsMissing()
    {
        var run = await Osched.RunAsync(_cluster, "requeue");

        Osched.AssertInvalid(_cluster, run, "Required argument missing for command: 'requeue'.");
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public async Task Requeue_ExitsWith2BeforeConnecting_WhenTheRunIdIsBlank(string runId)
    {
        var run = await Osched.RunAsync(_cluster, "requeue", runId);

        Osched.AssertInvalid(_cluster, run, "runId: is empty");
    }

    [Fact]
    public async Task Requeue_ExitsWith2_WhenTwoRunIdsAreGiven()
    {
        var run = await Osched.RunAsync(_cluster, "requeue", "a@1", "b@2");

        Osched.AssertInvalid(_cluster, run, "Unrecognized command or argument 'b@2'.");
    }
}
