using OrleansScheduler.Settlement;

namespace OrleansScheduler.Tests.Settlement;

public sealed class RetryBackoffTests
{
    private static readonly TimeSpan Base = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Max = TimeSpan.FromMinutes(5);

    [Theory]
    [InlineData(1, 2_000)]
    [InlineData(2, 4_000)]
    [InlineData(3, 8_000)]
    [InlineData(10, 300_000)]
    [InlineData(1000, 300_000)]
    public void Compute_DoublesPerAttempt_CappedAtTheMaximum_WithJitterInTheUpperHalf(int failedAttempt, double ceilingMs)
    {
        var random = new Random(42);
        for (var i = 0; i < 200; i++)
        {
            var delay = RetryBackoff.Compute(failedAttempt, Base, Max, random).TotalMilliseconds;
            Assert.InRange(delay, ceilingMs / 2, ceilingMs);
        }
    }

    [Fact]
    public void Compute_SpreadsRetriesOfRunsThatFailedTogether()
    {
        var random = new Random(7);
        var delays = Enumerable.Range(0, 100).Select(_ => RetryBackoff.Compute(3, Base, Max, random)).Distinct().Count();

        Assert.True(delays > 90, $"only {delays} distinct delays out of 100");
    }
}
