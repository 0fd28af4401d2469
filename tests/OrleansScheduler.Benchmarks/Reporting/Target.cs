using System.Globalization;

namespace OrleansScheduler.Benchmarks.Reporting;

/// <summary>The value a figure should reach, printed beside it for the tuning to come.</summary>
/// <param name="AtLeast">True for a floor (throughput), false for a ceiling (lag, memory).</param>
/// <param name="Threshold">The bound, in the metric's unit.</param>
internal sealed record Target(bool AtLeast, double Threshold)
{
    /// <summary>At most <paramref name="threshold"/>.</summary>
    public static Target AtMost(double threshold) => new(false, threshold);

    /// <summary>At least <paramref name="threshold"/>.</summary>
    public static Target Minimum(double threshold) => new(true, threshold);

    /// <summary>Whether <paramref name="value"/> meets it.</summary>
    public bool IsMetBy(double value) => AtLeast ? value >= Threshold : value <= Threshold;

    /// <summary>E.g. <c>≤ 25 ms</c>.</summary>
    public string Describe(string unit, int decimals) =>
        (AtLeast ? "≥ " : Threshold == 0 ? "= " : "≤ ") + Threshold.ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) + " " + unit;
}
