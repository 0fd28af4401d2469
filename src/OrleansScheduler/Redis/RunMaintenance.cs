using StackExchange.Redis;

namespace OrleansScheduler.Redis;

/// <summary>Housekeeping any silo may do at any time, safely at once with others: promoting due retries and recovering a dead silo's runs.</summary>
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

    /// <summary>Hands a silo's unacknowledged runs back to their queues; returns how many (0 when another silo did it first).</summary>
    public async Task<long> RecoverAsync(string silo)
    {
        var db = await connection.GetDatabaseAsync().ConfigureAwait(false);
        var result = await db.ScriptEvaluateAsync(
            RunScripts.Recover,
            [keys.Processing(silo)],
            [keys.QueuePrefix, keys.WakeChannel.ToString()]).ConfigureAwait(false);
        return (long)result;
    }

    /// <summary>The silos that have a processing list, by name.</summary>
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
