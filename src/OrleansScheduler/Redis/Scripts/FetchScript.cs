using StackExchange.Redis;

namespace OrleansScheduler.Redis.Scripts;

/// <summary>
/// Moves up to <c>count</c> of the oldest runs of a queue into a silo's processing list, oldest first, in one round
/// trip. Each move is an LMOVE, never a pop: until settled, every run stays in Redis and is recoverable if the silo dies.
/// A list that receives runs is registered in the same step (HSETNX: no write when it already is), so the recovery
/// finds it even when it is filled after the silo's list was handed back once (a silo declared dead while alive).
/// </summary>
internal static class FetchScript
{
    /// <summary>The script. Its first lines name every key and argument, in the order <see cref="Args"/> passes them.</summary>
    public const string Lua = """
        local queue_key, processing_key, processing_lists_key =
          KEYS[1], KEYS[2], KEYS[3]
        local count, silo, cluster_id =
          ARGV[1], ARGV[2], ARGV[3]
        local moved = {}
        for i = 1, tonumber(count) do
          local run = redis.call('LMOVE', queue_key, processing_key, 'RIGHT', 'LEFT')
          if not run then
            break
          end
          moved[i] = run
        end
        if #moved > 0 then
          redis.call('HSETNX', processing_lists_key, silo, cluster_id)
        end
        return moved
        """;

    /// <summary>The script's keys and arguments, by the names the script gives them.</summary>
    /// <param name="QueueKey">KEYS: the queue.</param>
    /// <param name="ProcessingKey">KEYS: the silo's processing list.</param>
    /// <param name="ProcessingListsKey">KEYS: the registry of processing lists.</param>
    /// <param name="Count">ARGV: how many runs at most.</param>
    /// <param name="Silo">ARGV: the silo's name.</param>
    /// <param name="ClusterId">ARGV: the cluster id the list is registered under.</param>
    public readonly record struct Args(
        RedisKey QueueKey,
        RedisKey ProcessingKey,
        RedisKey ProcessingListsKey,
        int Count,
        RedisValue Silo,
        RedisValue ClusterId)
    {
        /// <summary>The keys, in the script's order.</summary>
        public RedisKey[] Keys() => [QueueKey, ProcessingKey, ProcessingListsKey];

        /// <summary>The arguments, in the script's order.</summary>
        public RedisValue[] Values() => [Count, Silo, ClusterId];
    }

    /// <summary>Runs the script; returns the moved entries (empty when the queue was).</summary>
    public static async Task<RedisValue[]> EvaluateAsync(IDatabaseAsync db, Args args) =>
        (RedisValue[])(await db.ScriptEvaluateAsync(Lua, args.Keys(), args.Values()).ConfigureAwait(false))!;
}
