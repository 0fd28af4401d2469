using OrleansScheduler.Cli.Tests.Support;

namespace OrleansScheduler.Cli.Tests;

public sealed class QueuesCommandTests
{
    private readonly FakeCluster _cluster = new();

    private void SetDepths() => _cluster.Admin.Depths = new QueueDepths
    {
        Queued = new Dictionary<string, long> { ["default"] = 3, ["Reports"] = 0, ["emails"] = 12 },
        Processing = new Dictionary<string, long> { ["127.0.0.1:11112@154750801"] = 2, ["127.0.0.1:11111@154750742"] = 1 },
        Retrying = 4,
        DeadLettered = 5,
        Consumers = new Dictionary<string, int> { ["default"] = 2, ["Reports"] = 1 },
    };

    [Fact]
    public async Task Queues_PrintsTheContractDocument_WhenJsonIsGiven()
    {
        SetDepths();

        var run = await Osched.RunAsync(_cluster, "queues", "--json");

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.Equal(
            """
            {
              "queued": {
                "Reports": 0,
                "default": 3,
                "emails": 12
              },
              "processing": {
                "127.0.0.1:11111@154750742": 1,
                "127.0.0.1:11112@154750801": 2
              },
              "retrying": 4,
              "deadLettered": 5,
              "consumers": {
                "Reports": 1,
                "default": 2,
                "emails": 0
              }
            }
            """,
            run.Out.ReplaceLineEndings("\n").TrimEnd('\n'));
        Assert.Equal("", run.Error);
    }

    [Fact]
    public async Task Queues_PrintsEmptyObjects_WhenNoSiloIsProcessingAndJsonIsGiven()
    {
        _cluster.Admin.Depths = new QueueDepths { Queued = new Dictionary<string, long> { ["default"] = 0 }, Processing = new Dictionary<string, long>() };

        var run = await Osched.RunAsync(_cluster, "queues", "--json");

        Assert.Equal(
            """
            {
              "queued": {
                "default": 0
              },
              "processing": {},
              "retrying": 0,
              "deadLettered": 0,
              "consumers": {
                "default": 0
              }
            }
            """,
            run.Out.ReplaceLineEndings("\n").TrimEnd('\n'));
    }

    [Fact]
    public async Task Queues_PrintsATable_WhenJsonIsNotGiven()
    {
        SetDepths();

        var run = await Osched.RunAsync(_cluster, "queues");

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.Equal(
        [
            "STATE          QUEUE/SILO                 RUNS  CONSUMERS",
            "queued         Reports                    0     1",
            "queued         default                    3     2",
            "queued         emails                     12    0",
            "processing     127.0.0.1:11111@154750742  1     -",
            "processing     127.0.0.1:11112@154750801  2     -",
            "retrying       -                          4     -",
            "dead-lettered  -                          5     -",
        ], run.OutLines);
        // Runs that nobody takes are called out: a queue name with a typo, or one whose silos were removed.
        Assert.Equal("osched: warning: no silo takes runs from queue \"emails\"; its 12 run(s) wait until one that serves it starts", run.Error.TrimEnd());
    }

    [Fact]
    public async Task Queues_ShowsEveryState_WhenNoSiloIsProcessing()
    {
        var run = await Osched.RunAsync(_cluster, "queues");

        Assert.Equal(
        [
            "STATE          QUEUE/SILO  RUNS  CONSUMERS",
            "queued         default     0     0",
            "processing     -           0     -",
            "retrying       -           0     -",
            "dead-lettered  -           0     -",
        ], run.OutLines);
        Assert.Equal("", run.Error);
    }

    [Fact]
    public async Task Queues_ExitsWith2_WhenAnArgumentIsGiven()
    {
        var run = await Osched.RunAsync(_cluster, "queues", "default");

        Osched.AssertInvalid(_cluster, run, "Unrecognized command or argument 'default'.");
    }
}
