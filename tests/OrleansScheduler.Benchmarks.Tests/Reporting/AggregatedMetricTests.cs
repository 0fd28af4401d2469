using OrleansScheduler.Benchmarks.Reporting;

namespace OrleansScheduler.Benchmarks.Tests.Reporting;

public sealed class AggregatedMetricTests
{
    [Fact]
    public void Of_TakesTheMedianOfAFigure_IgnoringRunsThatMeasuredNothing()
    {
        var aggregated = AggregatedMetric.Of([Figure(30), Figure(null), Figure(10), Figure(20)]);

        Assert.Equal(20, aggregated.Value);
        Assert.Equal([30, null, 10, 20], aggregated.RunValues);
    }

    [Fact]
    public void Of_AveragesTheMiddleTwo_ForAnEvenNumberOfRuns() =>
        Assert.Equal(15, AggregatedMetric.Of([Figure(10), Figure(20)]).Value);

    [Fact]
    public void Of_TakesTheWorstRunOfACheck_SoRepeatingNeverHidesAMissingRun()
    {
        var aggregated = AggregatedMetric.Of([Metric.Check("missing", "missing runs", 0), Metric.Check("missing", "missing runs", 3), Metric.Check("missing", "missing runs", 0)]);

        Assert.Equal(3, aggregated.Value);
        Assert.False(aggregated.TargetMet);
    }

    [Fact]
    public void Of_IsNull_AndKeepsTheNote_WhenNoRunMeasuredIt()
    {
        var aggregated = AggregatedMetric.Of([Figure(null, "redis-benchmark is not on PATH")]);

        Assert.Null(aggregated.Value);
        Assert.Null(aggregated.TargetMet);
        Assert.Equal("redis-benchmark is not on PATH", aggregated.Definition.Note);
    }

    [Theory]
    [InlineData(true, 10_000, 10_000, true)]
    [InlineData(true, 10_000, 9_999, false)]
    [InlineData(false, 25, 25, true)]
    [InlineData(false, 25, 26, false)]
    public void Target_IsMetBy_ComparesInItsDirection(bool atLeast, double threshold, double value, bool met) =>
        Assert.Equal(met, new Target(atLeast, threshold).IsMetBy(value));

    private static Metric Figure(double? value, string? note = null) =>
        new() { Key = "lagP99", Label = "lag p99", Value = value, Unit = "ms", Target = Target.AtMost(25), Note = note };
}
