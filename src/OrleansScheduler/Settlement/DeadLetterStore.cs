using System.Text.Json;
using OrleansScheduler.Execution;
using OrleansScheduler.Redis;
using StackExchange.Redis;

namespace OrleansScheduler.Settlement;

/// <summary>Reads dead letters, requeues them, and counts what waits where.</summary>
internal sealed class DeadLetterStore(SchedulerRedisConnection connection, SchedulerKeys keys, RunMaintenance maintenance, QueueConsumers consumers)
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
        var result = (long)await db.ScriptEvaluateAsync(
            RunScripts.Requeue,
            [keys.DeadLetters, keys.DeadLetterIndex, keys.Active],
            [runId, keys.QueuePrefix, keys.WakeChannel.ToString()]).ConfigureAwait(false);
        return result < 0 ? throw new JobValidationException([$"runId: the dead letter \"{runId}\" is not readable; it was left as it is"]) : result == 1;
    }

    /// <summary>
    /// Runs queued in every queue (every queue a run was ever pushed to, every queue a live silo serves, and
    /// <paramref name="queues"/>), with each queue's live consumers; in processing per silo (every registered list, or
    /// only <paramref name="silo"/>'s when given); retrying and dead. Never scans the keys.
    /// </summary>
    public async Task<QueueDepths> GetDepthsAsync(IEnumerable<string> queues, string? silo = null)
    {
        var db = await connection.GetDatabaseAsync().ConfigureAwait(false);
        var consumerCounts = await consumers.CountAsync().ConfigureAwait(false);
        var known = await db.SetMembersAsync(keys.Queues).ConfigureAwait(false);
        IReadOnlyList<string> silos = silo is null ? [.. (await maintenance.GetProcessingListsAsync().ConfigureAwait(false)).Keys] : [silo];
        var queueNames = queues.Concat(known.Select(q => (string)q!)).Concat(consumerCounts.Keys).Distinct(StringComparer.Ordinal).ToList();
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
            Consumers = consumerCounts,
        };
    }
}
