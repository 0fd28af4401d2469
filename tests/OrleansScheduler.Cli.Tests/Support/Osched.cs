namespace OrleansScheduler.Cli.Tests.Support;

/// <summary>Runs <c>osched</c> in-process against a <see cref="FakeCluster"/>, capturing stdout and stderr.</summary>
internal static class Osched
{
    public static async Task<CliRun> RunAsync(FakeCluster cluster, params string[] args) =>
        await RunAsync(cluster, static _ => null, args);

    public static async Task<CliRun> RunAsync(FakeCluster cluster, Func<string, string?> environment, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var context = new CliContext
        {
            Out = stdout,
            Error = stderr,
            Connector = cluster,
            Time = cluster.Time,
            GetEnvironmentVariable = environment,
        };
        var exitCode = await OschedApp.RunAsync(args, context, CancellationToken.None);
        return new CliRun(exitCode, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Asserts an invalid-input exit with a stderr line that contains <paramref name="expected"/>, and no connection.</summary>
    public static void AssertInvalid(FakeCluster cluster, CliRun run, string expected)
    {
        Assert.True(run.ExitCode == ExitCodes.InvalidInput, run.ToString());
        Assert.Contains(run.ErrorLines, line => line.StartsWith("osched: ", StringComparison.Ordinal) && line.Contains(expected, StringComparison.Ordinal));
        Assert.Empty(cluster.Connections);
        Assert.Equal("", run.Out);
    }
}
