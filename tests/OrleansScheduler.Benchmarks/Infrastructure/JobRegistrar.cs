using System.Diagnostics;

namespace OrleansScheduler.Benchmarks.Infrastructure;

/// <summary>
/// Registers jobs through <see cref="IJobGrain.Schedule"/>, many calls in flight at once as a bulk loader (or
/// <c>osched apply</c>) would; any failure stops the workload, since a benchmark of a failing cluster means nothing.
/// </summary>
internal static class JobRegistrar
{
    /// <summary>The default number of calls in flight (as <c>osched apply</c>).</summary>
    public const int DefaultConcurrency = 256;

    /// <summary>Registers every job, at most <paramref name="concurrency"/> calls at once, and returns how long it took.</summary>
    public static async Task<TimeSpan> RegisterAsync(SchedulerClient client, IReadOnlyList<JobRegistration> jobs, int concurrency, CancellationToken cancellationToken)
    {
        var elapsed = Stopwatch.StartNew();
        await Parallel.ForEachAsync(
            jobs,
            new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            async (job, _) => await client.Job(job.Id).Schedule(job.Spec).ConfigureAwait(false)).ConfigureAwait(false);
        return elapsed.Elapsed;
    }
}
