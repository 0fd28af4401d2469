using OrleansScheduler.Benchmarks.Reporting;

namespace OrleansScheduler.Benchmarks.Tests.Reporting;

public sealed class MarkdownReportTests
{
    [Fact]
    public void Render_PrintsOneTableRowPerMetric_WithTargetAndVerdict_AndFailsTheChecksLine_WhenARunIsMissing()
    {
        var burst = new WorkloadResult
        {
            Workload = "burst",
            Parameters = new Dictionary<string, string> { ["jobs"] = "10" },
            Metrics =
            [
                new() { Key = "registrationRate", Label = "registration rate", Value = 12_345.6, Unit = "jobs/s", Target = Target.Minimum(10_000) },
                new() { Key = "lagP99", Label = "lag p99", Value = 40, Unit = "ms", Target = Target.AtMost(25) },
                new() { Key = "redisMemoryPerJob", Label = "memory", Value = 1.234, Unit = "KiB", Decimals = 2, Target = Target.AtMost(1.5) },
                Metric.Check("missing", "missing runs", 1),
            ],
            Notes = ["runs per silo: a 5, b 4"],
        };

        var text = MarkdownReport.Render(Report(burst));

        Assert.Contains("| burst | registration rate | 12,346 jobs/s | ≥ 10,000 jobs/s | yes |", text, StringComparison.Ordinal);
        Assert.Contains("| burst | lag p99 | 40 ms | ≤ 25 ms | **no** |", text, StringComparison.Ordinal);
        Assert.Contains("| burst | memory | 1.23 KiB | ≤ 1.5 KiB | yes |", text, StringComparison.Ordinal);
        Assert.Contains("| burst | missing runs | 1 runs | = 0 runs | **no** |", text, StringComparison.Ordinal);
        Assert.Contains("- burst: runs per silo: a 5, b 4", text, StringComparison.Ordinal);
        Assert.Contains("checks: FAILED: burst", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Format_PrintsADash_WhenThereIsNoValue() =>
        Assert.Equal("—", MarkdownReport.Format(null, new Metric { Key = "k", Label = "l", Unit = "ms" }));

    private static BenchmarkReport Report(WorkloadResult result) => new()
    {
        Environment = new RunEnvironment
        {
            Date = new DateTimeOffset(2026, 11, 27, 4, 0, 0, TimeSpan.Zero),
            Cores = 2,
            Cpu = "test CPU",
            Os = "test OS",
            Dotnet = ".NET test",
            SiloBuild = "Release",
        },
        Quick = false,
        Runs = 1,
        Arguments = [],
        Elapsed = TimeSpan.FromSeconds(10),
        Workloads = [AggregatedWorkload.Of([result])],
        RawRuns = [[result]],
        Notes = [],
    };
}
