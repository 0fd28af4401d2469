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
    public readonly record struct Args
    {
        /// <summary>KEYS: the queue.</summary>
        public required RedisKey QueueKey { get; init; }

        /// <summary>KEYS: the silo's processing list.</summary>
        public required RedisKey ProcessingKey { get; init; }

        /// <summary>KEYS: the registry of processing lists.</summary>
        public required RedisKey ProcessingListsKey { get; init; }

        /// <summary>ARGV: how many runs at most.</summary>
        public required int Count { get; init; }

        /// <summary>ARGV: the silo's name.</summary>
        public required RedisValue Silo { get; init; }

        /// <summary>ARGV: the cluster id the list is registered under.</summary>
        public required RedisValue ClusterId { get; init; }

        /// <summary>The keys, in the script's order.</summary>
        public RedisKey[] Keys() => [QueueKey, ProcessingKey, ProcessingListsKey];

        /// <summary>The arguments, in the script's order.</summary>
        public RedisValue[] Values() => [Count, Silo, ClusterId];
    }

    /// <summary>Runs the script; returns the moved entries (empty when the queue was).</summary>
    public static async Task<RedisValue[]> EvaluateAsync(IDatabaseAsync db, Args args) =>
        (RedisValue[])(await db.ScriptEvaluateAsync(Lua, args.Keys(), args.Values()).ConfigureAwait(false))!;
}
