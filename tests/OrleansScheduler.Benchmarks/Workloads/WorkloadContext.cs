using System.Globalization;
using OrleansScheduler.Benchmarks.Infrastructure;
using OrleansScheduler.Benchmarks.Reporting;

namespace OrleansScheduler.Benchmarks.Workloads;

/// <summary>What every workload gets from the runner: where to report progress, how hard to register, where logs go.</summary>
internal sealed class WorkloadContext(TextWriter progress, int concurrency, string logDirectory, bool keepLogs)
{
    /// <summary>How many <see cref="IJobGrain.Schedule"/> calls are in flight at once.</summary>
    public int Concurrency => concurrency;

    /// <summary>Writes one progress line (stderr), prefixed with the workload's name.</summary>
    public void Log(string workload, string message) =>
        progress.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{DateTimeOffset.UtcNow:HH:mm:ss.fff}] {workload}: {message}"));

    /// <summary>
    /// Starts a cluster for <paramref name="workload"/>, runs <paramref name="body"/> against it and disposes it. When
    /// the body throws, its result fails a correctness check, or a figure with a target could not be measured (or always,
    /// with <c>--keep-logs</c>), the silos' logs are kept in the log directory first.
    /// </summary>
    public async Task<WorkloadResult> WithClusterAsync(
        string workload,
        IReadOnlyList<string> siloArguments,
        Func<BenchmarkCluster, Task<WorkloadResult>> body,
        CancellationToken cancellationToken)
    {
        Log(workload, "starting redis-server and two silo processes");
        await using var cluster = await BenchmarkCluster.StartAsync(workload, siloArguments, cancellationToken).ConfigureAwait(false);
        Log(workload, string.Create(CultureInfo.InvariantCulture, $"cluster up in {cluster.StartupTime.TotalSeconds:0.0} s (service id {cluster.ServiceId})"));
        try
        {
            var result = await body(cluster).ConfigureAwait(false);
            // A failed check, or a figure with a target that could not be measured (a probe job that never ran): the
            // silos' logs are what tells why.
            if (keepLogs || result.Metrics.Any(m => (m.Kind == MetricKind.Check && m.Value is not 0) || (m.Target is not null && m.Value is null)))
            {
                KeepLogs(cluster, workload);
            }

            return result;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            KeepLogs(cluster, workload);
            throw;
        }
    }

    private void KeepLogs(BenchmarkCluster cluster, string workload)
    {
        try
        {
            cluster.SaveLogs(logDirectory, workload);
            Log(workload, $"silo logs kept in {logDirectory}");
        }
        catch (IOException ex)
        {
            Log(workload, $"could not keep the silo logs: {ex.Message}");
        }
    }
}
