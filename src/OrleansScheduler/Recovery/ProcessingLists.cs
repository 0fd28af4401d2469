using OrleansScheduler.Redis;
using OrleansScheduler.Redis.Scripts;

namespace OrleansScheduler.Recovery;

/// <summary>
/// Every silo's processing list, as recovery sees them: the registry of lists (<see cref="SchedulerKeys.ProcessingLists"/>)
/// and the hand back of a list to the queues, which any silo may do at any time, safely at once with others.
/// </summary>
internal sealed class ProcessingLists(SchedulerRedisConnection connection, SchedulerKeys keys)
{
    /// <summary>
    /// Hands a silo's processing list back to the queues (<see cref="HandBackScript"/>); returns how many runs (0 when
    /// another silo did it first). With <paramref name="release"/>, also drops the silo's entry in the registry (it is
    /// dead or leaving; should it fill its list again, its fetch registers it again).
    /// </summary>
    public async Task<long> HandBackAsync(string silo, bool release)
    {
        var db = await connection.GetDatabaseAsync().ConfigureAwait(false);
        return await HandBackScript.EvaluateAsync(db, new HandBackScript.Args(
            ProcessingKey: keys.Processing(silo),
            ProcessingListsKey: keys.ProcessingLists,
            QueuePrefix: keys.QueuePrefix,
            WakeChannel: keys.WakeChannel,
            Silo: silo,
            Release: release ? "release" : "")).ConfigureAwait(false);
    }

    /// <summary>The registry: silo name → the cluster id it registered under.</summary>
    public async Task<IReadOnlyDictionary<string, string>> GetRegisteredAsync()
    {
        var db = await connection.GetDatabaseAsync().ConfigureAwait(false);
        var entries = await db.HashGetAllAsync(keys.ProcessingLists).ConfigureAwait(false);
        return entries.ToDictionary(e => (string)e.Name!, e => (string?)e.Value ?? "", StringComparer.Ordinal);
    }

    /// <summary>
    /// The silos that have a processing list, by name, found by scanning the keys: only for lists written before the
    /// registry existed (an upgrade), read once when a silo starts.
    /// </summary>
    public async Task<IReadOnlyList<string>> ScanLegacyAsync()
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
