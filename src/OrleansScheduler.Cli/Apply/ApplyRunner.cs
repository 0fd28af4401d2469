using OrleansScheduler.Cli.Cluster;

namespace OrleansScheduler.Cli.Apply;

/// <summary>
/// Schedules validated entries concurrently, one <see cref="IJobGrain.Schedule"/> call each. A spec the silo rejects
/// (<see cref="JobValidationException"/>) is reported and the rest go on; any other failure stops the run, since the
/// cluster is then unlikely to accept the rest.
/// </summary>
internal static class ApplyRunner
{
    /// <summary>Schedules every entry, at most <paramref name="concurrency"/> calls at once.</summary>
    public static async Task<ApplyReport> RunAsync(
        IClusterSession session,
        IReadOnlyList<ApplyEntry> entries,
        int concurrency,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var changed = 0;
        var unchanged = 0;
        var rejected = new List<(int Index, string Message)>();
        var failures = new List<(int Index, string Message)>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var started = time.GetTimestamp();
        var options = new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = stop.Token };
        try
        {
            await Parallel.ForEachAsync(Enumerable.Range(0, entries.Count), options, async (index, _) =>
            {
                var entry = entries[index];

                // The silo keeps UpdatedAt when the spec is unchanged, so an UpdatedAt from before the call means unchanged.
                var before = InstantFormat.ToWholeMilliseconds(time.GetUtcNow());
                try
                {
                    var job = await session.GetJob(entry.Id).Schedule(entry.Spec).ConfigureAwait(false);
                    Interlocked.Increment(ref job.UpdatedAt >= before ? ref changed : ref unchanged);
                }
                catch (JobValidationException ex)
                {
                    lock (rejected)
                    {
                        rejected.AddRange((ex.Errors is { Length: > 0 } errors ? errors : [ex.Message]).Select(e => (index, $"{entry.Label}: {e}")));
                    }
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is not OutOfMemoryException)
                {
                    lock (failures)
                    {
                        failures.Add((index, $"{entry.Label}: {ex.Message}"));
                    }

                    await stop.CancelAsync().ConfigureAwait(false);
                }
            }).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // Stopped after a failure, which is reported below.
        }

        return new ApplyReport
        {
            Total = entries.Count,
            Changed = changed,
            Unchanged = unchanged,
            Rejected = [.. rejected.OrderBy(r => r.Index).Select(r => r.Message)],
            Failures = [.. failures.OrderBy(f => f.Index).Select(f => f.Message)],
            Elapsed = time.GetElapsedTime(started),
        };
    }
}
