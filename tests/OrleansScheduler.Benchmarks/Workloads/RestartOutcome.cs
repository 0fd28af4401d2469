using OrleansScheduler.Benchmarks.Reporting;

namespace OrleansScheduler.Benchmarks.Workloads;

/// <summary>What <see cref="ClusterRestart"/> measured.</summary>
internal sealed record RestartOutcome
{
    /// <summary>The figures.</summary>
    public required IReadOnlyList<Metric> Metrics { get; init; }

    /// <summary>Notes for the report.</summary>
    public required IReadOnlyList<string> Notes { get; init; }

    /// <summary>One line for the progress log.</summary>
    public required string Summary { get; init; }
}
