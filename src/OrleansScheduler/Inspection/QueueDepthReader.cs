using OrleansScheduler.Execution;
using OrleansScheduler.Recovery;
using OrleansScheduler.Redis;

namespace OrleansScheduler.Inspection;

/// <summary>Counts what waits where: in each queue (with its consumers), in each processing list, in the retry set and in the dead letters.</summary>
internal sealed class QueueDepthReader(SchedulerRedisConnection connection, SchedulerKeys keys, ProcessingLists lists, QueueConsumers consumers)
{
    /// <summary>
    /// Runs queued in every queue (every queue a run was ever pushed to, every queue a live silo serves, and
    /// <paramref name="queues"/>), with each queue's live consumers; in processing per silo (every registered list, or
    /// only <paramref name="silo"/>'s when given); retrying and dead. Never scans the keys.
    /// </summary>
    public async Task<QueueDepths> GetAsync(IEnumerable<string> queues, string? silo = null)
    {
        var db = await connection.GetDatabaseAsync().ConfigureAwait(false);
        var consumerCounts = await consumers.CountAsync().ConfigureAwait(false);
        var known = await db.SetMembersAsync(keys.Queues).ConfigureAwait(false);
        IReadOnlyList<string> silos = silo is null ? [.. (await lists.GetRegisteredAsync().ConfigureAwait(false)).Keys] : [silo];
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
