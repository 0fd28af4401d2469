using System.Globalization;

namespace OrleansScheduler.EndToEndTests.Support;

/// <summary>Summarises how late runs started after their nominal time. Informational: printed, never asserted.</summary>
public static class FireLag
{
    /// <summary>E.g. <c>12 runs: min 3 ms, median 9 ms, max 41 ms</c>.</summary>
    public static string Describe(IEnumerable<TimeSpan> lags)
    {
        var sorted = lags.Order().ToList();
        if (sorted.Count == 0)
        {
            return "no runs";
        }

        var median = sorted.Count % 2 == 1
            ? sorted[sorted.Count / 2]
            : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
        return string.Create(CultureInfo.InvariantCulture,
            $"{sorted.Count} runs: min {sorted[0].TotalMilliseconds:0} ms, median {median.TotalMilliseconds:0} ms, max {sorted[^1].TotalMilliseconds:0} ms");
    }
}
