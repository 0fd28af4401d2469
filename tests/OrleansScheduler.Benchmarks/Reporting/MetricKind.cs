namespace OrleansScheduler.Benchmarks.Reporting;

/// <summary>What a metric is for.</summary>
internal enum MetricKind
{
    /// <summary>A figure to read against its target; never fails the run.</summary>
    Figure,

    /// <summary>A correctness count (missing or duplicated runs) that must be 0: any other value fails the run.</summary>
    Check,
}
