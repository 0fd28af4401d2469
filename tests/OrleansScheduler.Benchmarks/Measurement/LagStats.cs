namespace OrleansScheduler.Benchmarks.Measurement;

/// <summary>
/// Percentiles of lags in whole milliseconds (nearest rank: the value below which at least p % of the runs fall, so
/// every reported figure is a lag some run really had).
/// </summary>
internal sealed record LagStats
{
    /// <summary>How many lags were measured.</summary>
    public int Count { get; init; }

    /// <summary>Median.</summary>
    public long P50 { get; init; }

    /// <summary>95th percentile.</summary>
    public long P95 { get; init; }

    /// <summary>99th percentile.</summary>
    public long P99 { get; init; }

    /// <summary>The largest.</summary>
    public long Max { get; init; }

    /// <summary>The stats of <paramref name="lagsMs"/>; null when there are none.</summary>
    public static LagStats? Of(IEnumerable<long> lagsMs)
    {
        var sorted = lagsMs.Order().ToArray();
        if (sorted.Length == 0)
        {
            return null;
        }

        return new LagStats
        {
            Count = sorted.Length,
            P50 = Percentile(sorted, 50),
            P95 = Percentile(sorted, 95),
            P99 = Percentile(sorted, 99),
            Max = sorted[^1],
        };
    }

    /// <summary>Nearest-rank percentile of an ascending array.</summary>
    public static long Percentile(long[] sorted, double percent)
    {
        ArgumentOutOfRangeException.ThrowIfZero(sorted.Length);
        var rank = (int)Math.Ceiling(percent / 100 * sorted.Length);
        return sorted[Math.Clamp(rank, 1, sorted.Length) - 1];
    }
}
