namespace OrleansScheduler.Benchmarks.Measurement;

/// <summary>The occurrences of an interval schedule, <c>anchor + k × interval</c>, as the scheduler computes them.</summary>
internal static class IntervalOccurrences
{
    /// <summary>Every occurrence in [<paramref name="fromMs"/>, <paramref name="toMs"/>) (Unix ms), ascending.</summary>
    public static IEnumerable<long> Between(long anchorMs, long intervalMs, long fromMs, long toMs)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(intervalMs);
        var first = fromMs <= anchorMs ? anchorMs : anchorMs + ((fromMs - anchorMs + intervalMs - 1) / intervalMs * intervalMs);
        for (var t = first; t < toMs; t += intervalMs)
        {
            yield return t;
        }
    }
}
