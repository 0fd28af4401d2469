using OrleansScheduler.Benchmarks.Measurement;

namespace OrleansScheduler.Benchmarks.Tests.Measurement;

public sealed class LagStatsTests
{
    [Fact]
    public void Of_TakesNearestRankPercentiles_SoEachFigureIsALagSomeRunHad()
    {
        var stats = LagStats.Of(Enumerable.Range(1, 100).Select(i => (long)i).Reverse())!;

        Assert.Equal(100, stats.Count);
        Assert.Equal(50, stats.P50);
        Assert.Equal(95, stats.P95);
        Assert.Equal(99, stats.P99);
        Assert.Equal(100, stats.Max);
    }

    [Fact]
    public void Of_ReportsTheOnlyLag_ForEveryPercentile_WhenThereIsOne()
    {
        var stats = LagStats.Of([42])!;

        Assert.Equal((42, 42, 42, 42), (stats.P50, stats.P95, stats.P99, stats.Max));
    }

    [Fact]
    public void Of_IsNull_WhenThereAreNoLags() => Assert.Null(LagStats.Of([]));
}
