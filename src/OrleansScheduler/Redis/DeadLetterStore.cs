using System.Text.Json;
using OrleansScheduler.Runs;
using StackExchange.Redis;

namespace OrleansScheduler.Redis;

/// <summary>Reads dead letters, requeues them, and counts what waits where.</summary>
internal sealed class DeadLetterStore(SchedulerRedisConnection connection, SchedulerKeys keys, RunMaintenance maintenance)
{
    public async Task<IReadOnlyList<DeadLetter>> GetAsync(int limit)
    {
        var db = await connection.GetDatabaseAsync().ConfigureAwait(false);
        var ids = await db.SortedSetRangeByRankAsync(keys.DeadLetterIndex, 0, limit - 1, Order.Descending).ConfigureAwait(false);
        if (ids.Length == 0)
        {
            return [];
        }

        var values = await db.HashGetAsync(keys.DeadLetters, ids).ConfigureAwait(false);
        return [.. values.Where(v => !v.IsNull).Select(v => JsonSerializer.Deserialize((string)v!, RunJsonContext.Default.DeadLetterEntry)!.ToDeadLetter())];
    }

    public async Task<bool> RequeueAsync(string runId)
    {
        var db = await connection.GetDatabaseAsync().ConfigureAwait(false);
        var result = await db.ScriptEvaluateAsync(
            RunScripts.Requeue,
            [keys.DeadLetters, keys.DeadLetterIndex, keys.Active],
            [runId, keys.QueuePrefix, keys.WakeChannel.ToString()]).ConfigureAwait(false);
        return (long)result == 1;
    }

    /// <summary>Runs queued per queue, in processing per silo (every silo that has a list: a scan of the keys), retrying and dead.</summary>
    public async Task<QueueDepths> GetDepthsAsync(IEnumerable<string> queues)
    {
        var silos = await maintenance.GetSilosWithProcessingListsAsync().ConfigureAwait(false);
        return await GetDepthsAsync(queues, silos).ConfigureAwait(false);
    }

    /// <summary>The same for the given silos' processing lists only, without scanning the keys.</summary>
    public async Task<QueueDepths> GetDepthsAsync(IEnumerable<string> queues, IReadOnlyList<string> silos)
    {
        var db = await connection.GetDatabaseAsync().ConfigureAwait(false);
        var queueNames = queues.Distinct(StringComparer.Ordinal).ToList();
        var batch = db.CreateBatch();
        var queued = queueNames.Select(q => batch.ListLengthAsync(keys.Queue(q))).ToList();
        var processing = silos.Select(s => batch.ListLengthAsync(keys.Processing(s))).ToList();
        var retrying = batch.SortedSetLengthAsync(keys.Retry);
        var dead = batch.HashLengthAsync(keys.DeadLetters);
        batch.Execute();
        return new QueueDepths
        {
            Queued = queueNames.Zip(await Task.WhenAll(queued).ConfigureAwait(false)).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal),
            Processing = silos.Zip(await Task.WhenAll(processing).ConfigureAwait(false)).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal),
            Retrying = await retrying.ConfigureAwait(false),
            DeadLettered = await dead.ConfigureAwait(false),
        };
    }
}
