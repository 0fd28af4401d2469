using OrleansScheduler.Redis;
using StackExchange.Redis;

namespace OrleansScheduler.Benchmarks.Infrastructure;

/// <summary>Reads the stored run history of many jobs, pipelined in batches, after a workload has run.</summary>
internal sealed class HistoryReader(IDatabase database, SchedulerKeys keys)
{
    // Enough commands per round trip to hide latency, few enough that one reply stays a few MB.
    private const int BatchSize = 500;

    /// <summary>Every stored entry of each job (newest first), by job id.</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<StoredRun>>> ReadAsync(IReadOnlyList<string> jobIds, CancellationToken cancellationToken)
    {
        var histories = new Dictionary<string, IReadOnlyList<StoredRun>>(jobIds.Count, StringComparer.Ordinal);
        foreach (var chunk in jobIds.Chunk(BatchSize))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var batch = database.CreateBatch();
            var reads = chunk.Select(id => batch.ListRangeAsync(keys.History(id))).ToList();
            batch.Execute();
            var values = await Task.WhenAll(reads).ConfigureAwait(false);
            for (var i = 0; i < chunk.Length; i++)
            {
                histories[chunk[i]] = [.. values[i].Select(v => StoredRun.Parse(v!))];
            }
        }

        return histories;
    }
}
