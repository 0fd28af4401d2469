namespace OrleansScheduler.Benchmarks.Tests;

public sealed class BenchmarkAppTests
{
    [Theory]
    [InlineData("--jobs 5", "jobs: each workload has its own size; name one with --workload")]
    [InlineData("--workload burst --jobs 0", "jobs: 0 is outside 1-1000000")]
    [InlineData("--duration soon", "duration: \"soon\" is not a duration")]
    [InlineData("--runs 0", "runs: 0 is outside 1-100")]
    [InlineData("--workload nightly", "nightly")]
    public async Task RunAsync_Exits2_AndNamesTheProblem_WhenTheCommandLineIsInvalid(string arguments, string message)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var exitCode = await BenchmarkApp.RunAsync(arguments.Split(' '), stdout, stderr);

        Assert.Equal(BenchmarkApp.InvalidInput, exitCode);
        Assert.Contains(message, stderr.ToString(), StringComparison.Ordinal);
        Assert.Equal("", stdout.ToString());
    }
}
