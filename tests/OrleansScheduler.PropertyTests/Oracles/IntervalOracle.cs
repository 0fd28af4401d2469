namespace OrleansScheduler.PropertyTests.Oracles;

/// <summary>
/// The occurrences of an interval schedule by arithmetic alone: <c>anchor + k × interval</c> for k ≥ 0, where a
/// schedule without an anchor counts from the instant it is asked about (so its first occurrence is one interval later).
/// </summary>
public sealed class IntervalOracle(TimeSpan interval, DateTimeOffset? anchor)
{
    /// <summary>The first k whose occurrence is strictly after <paramref name="fromExclusive"/>, and the anchor it counts from.</summary>
    public (DateTimeOffset Anchor, long K) First(DateTimeOffset fromExclusive)
    {
        var origin = anchor ?? fromExclusive;
        var k = fromExclusive < origin ? 0 : ((fromExclusive - origin).Ticks / interval.Ticks) + 1;
        return (origin, k);
    }

    /// <summary>The latest occurrence in (<paramref name="fromExclusive"/>, <paramref name="toInclusive"/>] and how many the span holds.</summary>
    public (DateTimeOffset? Latest, long Count) Latest(DateTimeOffset fromExclusive, DateTimeOffset toInclusive)
    {
        var (origin, first) = First(fromExclusive);
        if (toInclusive < origin || toInclusive <= fromExclusive)
        {
            return (null, 0);
        }

        var last = (toInclusive - origin).Ticks / interval.Ticks;
        return last < first ? (null, 0) : (origin.AddTicks(last * interval.Ticks), last - first + 1);
    }
}
