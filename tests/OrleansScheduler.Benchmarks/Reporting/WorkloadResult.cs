namespace OrleansScheduler.Benchmarks.Reporting;

/// <summary>What one run of one workload measured.</summary>
internal sealed record WorkloadResult
{
    /// <summary>The workload, e.g. <c>burst</c>.</summary>
    public required string Workload { get; init; }

    /// <summary>Its size and settings, e.g. <c>jobs: 10000</c>.</summary>
    public required IReadOnlyDictionary<string, string> Parameters { get; init; }

    /// <summary>The figures, in table order.</summary>
    public required IReadOnlyList<Metric> Metrics { get; init; }

    /// <summary>Observations worth a line under the table (per-silo split, caveats).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}
