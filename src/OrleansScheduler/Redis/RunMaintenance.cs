using StackExchange.Redis;

namespace OrleansScheduler.Redis;

/// <summary>
/// Housekeeping any silo may do at any time, safely at once with others: promoting due retries, recovering a dead
/// silo's runs, trimming the dead letters.
/// </summary>
internal sealed class RunMaintenance(SchedulerRedisConnection connection, SchedulerKeys keys)
{
    private const int PromotionBatch = 500;

    /// <summary>Moves due retries onto their queues; returns how many.</summary>
    public async Task<long> PromoteDueRetriesAsync(DateTimeOffset now)
    {
        var db = await connection.GetDatabaseAsync().ConfigureAwait(false);
        var result = await db.ScriptEvaluateAsync(
            RunScripts.PromoteRetries,
            [keys.Retry],
            [now.ToUnixTimeMilliseconds(), PromotionBatch, keys.QueuePrefix, keys.WakeChannel.ToString()]).ConfigureAwait(false);
        return (long)result;
    }

    /// <summary>
    /// Hands a silo's unacknowledged runs back to their queues; returns how many (0 when another silo did it first).
    /// With <paramref name="release"/>, also drops the silo's entry in the registry of processing lists (it is dead or
    /// leaving; should it fill its list again, its fetch registers it again).
    /// </summary>
    public async Task<long> RecoverAsync(string silo, bool release)
    {
        var db = await connection.GetDatabaseAsync().ConfigureAwait(false);
        var result = await db.ScriptEvaluateAsync(
            RunScripts.Recover,
            [keys.Processing(silo), keys.ProcessingLists],
            [keys.QueuePrefix, keys.WakeChannel.ToString(), silo, release ? "release" : ""]).ConfigureAwait(false);
        return (long)result;
    }

    /// <summary>The registry of processing lists: silo name → the cluster id it registered under (<see cref="SchedulerKeys.ProcessingLists"/>).</summary>
    public async Task<IReadOnlyDictionary<string, string>> GetProcessingListsAsync()
    {
        var db = await connection.GetDatabaseAsync().ConfigureAwait(false);
        var entries = await db.HashGetAllAsync(keys.ProcessingLists).ConfigureAwait(false);
        return entries.ToDictionary(e => (string)e.Name!, e => (string?)e.Value ?? "", StringComparer.Ordinal);
    }

    /// <summary>Drops dead letters beyond <paramref name="limit"/> or older than <paramref name="oldestKept"/>, at most 100 a call; returns how many.</summary>
    public async Task<long> TrimDeadLettersAsync(int limit, DateTimeOffset oldestKept)
    {
        var db = await connection.GetDatabaseAsync().ConfigureAwait(false);
        var result = await db.ScriptEvaluateAsync(
            RunScripts.TrimDeadLetters,
            [keys.DeadLetters, keys.DeadLetterIndex],
            [limit, oldestKept.ToUnixTimeMilliseconds()]).ConfigureAwait(false);
        return (long)result;
    }

    /// <summary>
    /// The silos that have a processing list, by name, found by scanning the keys: only for lists written before the
    /// registry of processing lists existed (an upgrade), read once when a silo starts.
    /// </summary>
    public async Task<IReadOnlyList<string>> GetSilosWithProcessingListsAsync()
    {
        var multiplexer = await connection.GetMultiplexerAsync().ConfigureAwait(false);
        var silos = new List<string>();
        foreach (var endpoint in multiplexer.GetEndPoints())
        {
            var server = multiplexer.GetServer(endpoint);
            if (server.IsReplica)
            {
                continue;
            }

            await foreach (var key in server.KeysAsync(pattern: keys.ProcessingPrefix + "*", pageSize: 250).ConfigureAwait(false))
            {
                silos.Add(((string)key!)[keys.ProcessingPrefix.Length..]);
            }
        }

        return silos;
    }
}
