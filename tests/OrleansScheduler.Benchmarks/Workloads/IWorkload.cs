using OrleansScheduler.Benchmarks.Reporting;

namespace OrleansScheduler.Benchmarks.Workloads;

/// <summary>One benchmark workload: sets up what it measures, runs, and reports its figures.</summary>
internal interface IWorkload
{
    /// <summary>Its name on the command line and in the report, e.g. <c>burst</c>.</summary>
    string Name { get; }

    /// <summary>Runs it once against a fresh cluster of its own and returns what it measured.</summary>
    Task<WorkloadResult> RunAsync(WorkloadContext context, CancellationToken cancellationToken);
}
