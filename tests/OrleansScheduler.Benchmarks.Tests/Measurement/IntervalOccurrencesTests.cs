using OrleansScheduler.Benchmarks.Measurement;

namespace OrleansScheduler.Benchmarks.Tests.Measurement;

public sealed class IntervalOccurrencesTests
{
    [Fact]
    public void Between_IncludesTheStartAndExcludesTheEnd()
    {
        Assert.Equal([2_250L, 3_250L, 4_250L], IntervalOccurrences.Between(anchorMs: 250, intervalMs: 1000, fromMs: 2_250, toMs: 5_250));
    }

    [Fact]
    public void Between_StartsAtTheFirstOccurrenceAfterAStartBetweenTwo()
    {
        Assert.Equal([3_250L, 4_250L], IntervalOccurrences.Between(anchorMs: 250, intervalMs: 1000, fromMs: 2_251, toMs: 5_000));
    }

    [Fact]
    public void Between_StartsAtTheAnchor_WhenTheWindowOpensBeforeIt()
    {
        Assert.Equal([250L, 1_250L], IntervalOccurrences.Between(anchorMs: 250, intervalMs: 1000, fromMs: 0, toMs: 2_000));
    }
}
