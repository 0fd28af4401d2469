namespace OrleansScheduler.Benchmarks.Reporting;

/// <summary>
/// One metric over every run of its workload: the median of the figures (robust to one disturbed run), and for
/// correctness checks the worst run, so that repeating a run can never hide a missing or duplicated run.
/// </summary>
internal sealed record AggregatedMetric
{
    /// <summary>The metric as the first run reported it (name, unit, target, kind).</summary>
    public required Metric Definition { get; init; }

    /// <summary>The median, or for checks the largest value; null when no run measured it.</summary>
    public double? Value { get; init; }

    /// <summary>Each run's value, in run order.</summary>
    public required IReadOnlyList<double?> RunValues { get; init; }

    /// <summary>Whether <see cref="Value"/> meets the target; null without a target or a value.</summary>
    public bool? TargetMet => Value is { } value && Definition.Target is { } target ? target.IsMetBy(value) : null;

    /// <summary>Aggregates the same metric (by key) of several runs.</summary>
    public static AggregatedMetric Of(IReadOnlyList<Metric> runs)
    {
        ArgumentOutOfRangeException.ThrowIfZero(runs.Count);
        var values = runs.Select(m => m.Value).ToList();
        var measured = values.OfType<double>().Order().ToList();
        double? value = measured.Count == 0 ? null
            : runs[0].Kind == MetricKind.Check ? measured[^1]
            : measured.Count % 2 == 1 ? measured[measured.Count / 2]
            : (measured[(measured.Count / 2) - 1] + measured[measured.Count / 2]) / 2;
        return new AggregatedMetric
        {
            Definition = runs.FirstOrDefault(m => m.Note is not null && m.Value is null) ?? runs[0],
            Value = value,
            RunValues = values,
        };
    }
}
