using Microsoft.Extensions.Options;
using Orleans.Configuration;
using OrleansScheduler.Redis;
using OrleansScheduler.Redis.Scripts;
using StackExchange.Redis;

namespace OrleansScheduler.Execution;

/// <summary>
/// This silo's processing list (<see cref="SchedulerKeys.Processing"/>): the runs it fetched and has not settled. A run
/// moves in by a fetch and out by its settle, or back to its queue by a hand back; it is never popped.
/// </summary>
internal sealed class ProcessingList(SchedulerRedisConnection connection, SchedulerKeys keys, ILocalSiloDetails silo, IOptions<ClusterOptions> cluster)
{
    private readonly string _clusterId = cluster.Value.ClusterId;

    /// <summary>This silo's name, in run history and in its processing list's key.</summary>
    public string Silo { get; } = silo.SiloAddress.ToParsableString();

    /// <summary>The list's key.</summary>
    public RedisKey Key => keys.Processing(Silo);

    /// <summary>
    /// Moves up to <paramref name="count"/> of the oldest runs of a queue into this list in one round trip, registering
    /// the list (under this cluster's id) when it receives any; empty when the queue is.
    /// </summary>
    public async Task<RedisValue[]> FetchAsync(string queue, int count)
    {
        var db = await connection.GetDatabaseAsync().ConfigureAwait(false);
        return await FetchScript.EvaluateAsync(db, new FetchScript.Args(
            QueueKey: keys.Queue(queue),
            ProcessingKey: Key,
            ProcessingListsKey: keys.ProcessingLists,
            Count: count,
            Silo: Silo,
            ClusterId: _clusterId)).ConfigureAwait(false);
    }

    /// <summary>Every entry in the list, oldest last.</summary>
    public async Task<RedisValue[]> ReadAsync()
    {
        var db = await connection.GetDatabaseAsync().ConfigureAwait(false);
        return await db.ListRangeAsync(Key).ConfigureAwait(false);
    }

    /// <summary>Whether the entry is in the list.</summary>
    public async Task<bool> ContainsAsync(RedisValue raw)
    {
        var db = await connection.GetDatabaseAsync().ConfigureAwait(false);
        return await db.ListPositionAsync(Key, raw).ConfigureAwait(false) >= 0;
    }

    /// <summary>Drops an entry without settling anything (an entry that is not a readable run).</summary>
    public async Task DropAsync(RedisValue raw)
    {
        var db = await connection.GetDatabaseAsync().ConfigureAwait(false);
        await db.ListRemoveAsync(Key, raw, 1).ConfigureAwait(false);
    }
}
