namespace OrleansScheduler.Benchmarks.Reporting;

/// <summary>Everything one invocation of the harness measured, ready to print and save.</summary>
internal sealed record BenchmarkReport
{
    /// <summary>Where and on what it ran.</summary>
    public required RunEnvironment Environment { get; init; }

    /// <summary>Whether it was the quick version.</summary>
    public required bool Quick { get; init; }

    /// <summary>How many times each workload ran.</summary>
    public required int Runs { get; init; }

    /// <summary>The command line it was given.</summary>
    public required IReadOnlyList<string> Arguments { get; init; }

    /// <summary>The 1-minute load average when it finished.</summary>
    public double? LoadAverageAtEnd { get; init; }

    /// <summary>How long the whole benchmark took.</summary>
    public required TimeSpan Elapsed { get; init; }

    /// <summary>Each workload, aggregated over its runs, in the order they ran.</summary>
    public required IReadOnlyList<AggregatedWorkload> Workloads { get; init; }

    /// <summary>Each workload's individual runs.</summary>
    public required IReadOnlyList<IReadOnlyList<WorkloadResult>> RawRuns { get; init; }

    /// <summary>Notes that concern the whole run (resolution, a busy machine).</summary>
    public required IReadOnlyList<string> Notes { get; init; }

    /// <summary>Whether no workload found a missing or duplicated run.</summary>
    public bool ChecksPassed => Workloads.All(w => w.ChecksPassed);
}
