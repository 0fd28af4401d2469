namespace OrleansScheduler.Benchmarks.Reporting;

/// <summary>Every run of one workload, with each metric aggregated over them.</summary>
internal sealed record AggregatedWorkload
{
    /// <summary>The workload.</summary>
    public required string Workload { get; init; }

    /// <summary>The first run's parameters (the same for every run, bar derived instants).</summary>
    public required IReadOnlyDictionary<string, string> Parameters { get; init; }

    /// <summary>The metrics in table order.</summary>
    public required IReadOnlyList<AggregatedMetric> Metrics { get; init; }

    /// <summary>Every run's notes, prefixed with the run number when there are several runs.</summary>
    public required IReadOnlyList<string> Notes { get; init; }

    /// <summary>Whether every correctness check is 0 in every run.</summary>
    public bool ChecksPassed => Metrics.All(m => m.Definition.Kind != MetricKind.Check || m.Value is 0);

    /// <summary>Aggregates the runs of one workload (at least one).</summary>
    public static AggregatedWorkload Of(IReadOnlyList<WorkloadResult> runs)
    {
        ArgumentOutOfRangeException.ThrowIfZero(runs.Count);
        var keys = runs.SelectMany(r => r.Metrics.Select(m => m.Key)).Distinct(StringComparer.Ordinal).ToList();
        return new AggregatedWorkload
        {
            Workload = runs[0].Workload,
            Parameters = runs[0].Parameters,
            Metrics = [.. keys.Select(key => AggregatedMetric.Of([.. runs.SelectMany(r => r.Metrics.Where(m => m.Key == key))]))],
            Notes = [.. runs.SelectMany((r, i) => r.Notes.Select(n => runs.Count == 1 ? n : $"run {i + 1}: {n}"))],
        };
    }
}
