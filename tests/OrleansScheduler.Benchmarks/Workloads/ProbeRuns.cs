using OrleansScheduler.Benchmarks.Infrastructure;
using OrleansScheduler.Redis;
using StackExchange.Redis;

namespace OrleansScheduler.Benchmarks.Workloads;

/// <summary>Watches the history of a few probe jobs for the runs a workload waits on.</summary>
internal static class ProbeRuns
{
    /// <summary>
    /// Polls the job's history until it holds a first-attempt success that started at or after <paramref name="startedFrom"/>
    /// (Unix ms) and returns the earliest such run; null when none came by <paramref name="deadline"/>.
    /// </summary>
    public static async Task<StoredRun?> WaitForRunAsync(IDatabase database, SchedulerKeys keys, string jobId, long startedFrom, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        StoredRun? found = null;
        await Waits.ForAsync(
            async () =>
            {
                var entries = await database.ListRangeAsync(keys.History(jobId)).ConfigureAwait(false);
                found = entries.Select(e => StoredRun.Parse(e!))
                    .Where(r => r.IsFirstSuccess && r.StartedAt >= startedFrom)
                    .MinBy(r => r.StartedAt);
                return found is not null;
            },
            TimeSpan.FromMilliseconds(100),
            deadline,
            cancellationToken).ConfigureAwait(false);
        return found;
    }
}
