using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using OrleansScheduler.Cli.Tests.Support;

namespace OrleansScheduler.Cli.Tests;

public sealed class OschedAppTests
{
    private readonly FakeCluster _cluster = new();

    [Theory]
    [InlineData("Unrecognized command or argument 'launch'.", "launch")]
    [InlineData("Required command was not provided.")]
    [InlineData("Unrecognized command or argument '--colour'.", "list", "--colour")]
    [InlineData("Required argument missing for command: 'pause'.", "pause")]
    [InlineData("Required argument missing for option: '--cron'.", "next", "--cron")]
    [InlineData("Unrecognized command or argument 'extra'.", "show", "a", "extra")]
    public async Task RunAsync_ExitsWith2_WhenTheCommandLineDoesNotParse(string expected, params string[] args)
    {
        var run = await Osched.RunAsync(_cluster, args);

        Osched.AssertInvalid(_cluster, run, expected);
        Assert.Contains(run.ErrorLines, l => l.StartsWith("osched: run 'osched", StringComparison.Ordinal) && l.EndsWith("--help' for usage", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("schedule", "--help")]
    [InlineData("apply", "-h")]
    [InlineData("dead-letters", "--help")]
    [InlineData("requeue", "--help")]
    [InlineData("queues", "--help")]
    public async Task RunAsync_PrintsHelpToStdoutAndExitsWith0_WhenHelpIsAsked(params string[] args)
    {
        var run = await Osched.RunAsync(_cluster, args);

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Contains("Usage:", run.Out, StringComparison.Ordinal);
        Assert.Equal("", run.Error);
    }

    [Fact]
    public async Task RunAsync_ExitsWith2_WhenRedisIsEmpty()
    {
        var run = await Osched.RunAsync(_cluster, "show", "a", "--redis", " ");

        Osched.AssertInvalid(_cluster, run, "redis: is empty");
    }

    [Fact]
    public async Task RunAsync_ExitsWith1NamingTheAddressAndIds_WhenRedisIsUnreachable()
    {
        var port = ClosedPort();
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var clock = Stopwatch.StartNew();

        var exitCode = await OschedApp.RunAsync(["show", "nightly", "--redis", $"127.0.0.1:{port}", "--service-id", "svc-a", "--cluster-id", "blue"], stdout, stderr);

        Assert.Equal(ExitCodes.Failure, exitCode);
        Assert.StartsWith(
            $"osched: cannot reach the cluster through Redis at 127.0.0.1:{port} (service-id svc-a, cluster-id blue): ",
            stderr.ToString(),
            StringComparison.Ordinal);
        Assert.Equal("", stdout.ToString());
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task RunAsync_ExitsWith2BeforeConnecting_WhenTheRedisStringIsInvalid()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var exitCode = await OschedApp.RunAsync(["list", "--redis", "localhost:6379,connectTimeout=soon"], stdout, stderr);

        Assert.Equal(ExitCodes.InvalidInput, exitCode);
        Assert.StartsWith("osched: redis: \"localhost:6379,connectTimeout=soon\" is not a Redis configuration string", stderr.ToString(), StringComparison.Ordinal);
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
