using System.Globalization;
using OrleansScheduler.EndToEndTests.Support;
using OrleansScheduler.Testing;

namespace OrleansScheduler.EndToEndTests;

/// <summary>osched's exit codes and messages when it cannot do what was asked. Needs no cluster.</summary>
public sealed class OschedErrorTests
{
    [Fact]
    public async Task Osched_ExitsWith1_AndNamesTheAddress_WhenTheClusterIsUnreachable()
    {
        var closed = "127.0.0.1:" + FreePort.Next().ToString(CultureInfo.InvariantCulture);

        var result = (await CliProcess.RunAsync(["--redis", closed, "--service-id", "e2e-nowhere", "--cluster-id", "e2e-nowhere", "list"])).ExitedWith(1);

        Assert.Contains("cannot reach the cluster", result.Stderr, StringComparison.Ordinal);
        Assert.Contains(closed, result.Stderr, StringComparison.Ordinal);
        Assert.Empty(result.Stdout);
    }

    [Fact]
    public async Task Osched_ExitsWith2_OnInvalidCron()
    {
        // The spec is checked before any connection: the closed port is never tried.
        var closed = "127.0.0.1:" + FreePort.Next().ToString(CultureInfo.InvariantCulture);

        var result = (await CliProcess.RunAsync(["--redis", closed, "schedule", "x", "--cron", "bad", "--handler", "log"])).ExitedWith(2);

        Assert.Contains("cron: \"bad\"", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("cannot reach", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(result.Stdout);
    }
}
