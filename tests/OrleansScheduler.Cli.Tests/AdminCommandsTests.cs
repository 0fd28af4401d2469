using OrleansScheduler.Cli.Tests.Support;

namespace OrleansScheduler.Cli.Tests;

/// <summary>dead-letters, requeue and queues: the failures they share with every cluster command.</summary>
public sealed class AdminCommandsTests
{
    private readonly FakeCluster _cluster = new();

    [Theory]
    [InlineData("dead-letters")]
    [InlineData("requeue", "nightly@2026-03-01T10:05:00.000Z")]
    [InlineData("queues", "--json")]
    public async Task AdminCommand_ExitsWith1WithTheConnectionError_WhenTheClusterIsUnreachable(params string[] args)
    {
        _cluster.ConnectFailure = CliException.Failure("cannot reach the cluster through Redis at r:1 (service-id s, cluster-id c): down");

        var run = await Osched.RunAsync(_cluster, args);

        Assert.Equal(ExitCodes.Failure, run.ExitCode);
        Assert.Equal(["osched: cannot reach the cluster through Redis at r:1 (service-id s, cluster-id c): down"], run.ErrorLines);
        Assert.Equal("", run.Out);
    }

    [Theory]
    [InlineData("dead-letters", "--json")]
    [InlineData("requeue", "nightly@2026-03-01T10:05:00.000Z")]
    [InlineData("queues")]
    public async Task AdminCommand_ExitsWith1WithTheError_WhenTheGrainCallFails(params string[] args)
    {
        _cluster.Admin.CallFailure = new TimeoutException("Response did not arrive on time");

        var run = await Osched.RunAsync(_cluster, args);

        Assert.Equal(ExitCodes.Failure, run.ExitCode);
        Assert.Equal(["osched: Response did not arrive on time"], run.ErrorLines);
        Assert.Equal("", run.Out);
    }

    [Theory]
    [InlineData("dead-letters")]
    [InlineData("requeue", "nightly@2026-03-01T10:05:00.000Z")]
    [InlineData("queues")]
    public async Task AdminCommand_ConnectsWithTheGlobalOptions_WhenTheyAreGiven(params string[] args)
    {
        await Osched.RunAsync(_cluster, [.. args, "--redis", "r:1", "--service-id", "svc", "--cluster-id", "blue"]);

        Assert.Equal([new ConnectionSettings("r:1", "svc", "blue")], _cluster.Connections);
    }

    [Theory]
    [InlineData("dead-letters")]
    [InlineData("requeue", "nightly@2026-03-01T10:05:00.000Z")]
    [InlineData("queues")]
    public async Task AdminCommand_ConnectsThroughOschedRedis_WhenRedisIsNotGiven(params string[] args)
    {
        await Osched.RunAsync(_cluster, name => name == "OSCHED_REDIS" ? "env-redis:6380" : null, args);

        Assert.Equal([new ConnectionSettings("env-redis:6380", "orleans-scheduler", "orleans-scheduler")], _cluster.Connections);
    }
}
