using StackExchange.Redis;

namespace OrleansScheduler.Redis.Scripts;

/// <summary>
/// Moves retries that are due onto their queues. Removal and push happen together, so when several silos promote at
/// once each run is promoted exactly once.
/// </summary>
internal static class PromoteRetriesScript
{
    /// <summary>The script. Its first lines name every key and argument, in the order <see cref="Args"/> passes them.</summary>
    public static readonly string Lua = $$"""
        local retry_key =
          KEYS[1]
        local now_ms, batch, queue_prefix, wake_channel =
          ARGV[1], ARGV[2], ARGV[3], ARGV[4]
        {{LuaSnippets.QueueOf}}
        local due = redis.call('ZRANGEBYSCORE', retry_key, '-inf', now_ms, 'LIMIT', 0, tonumber(batch))
        for _, run in ipairs(due) do
          redis.call('ZREM', retry_key, run)
          redis.call('LPUSH', queue_prefix .. queue_of(run), run)
        end
        if #due > 0 then
          redis.call('PUBLISH', wake_channel, 'retry')
        end
        return #due
        """;

    /// <summary>The script's keys and arguments, by the names the script gives them.</summary>
    /// <param name="RetryKey">KEYS: the retry set.</param>
    /// <param name="NowMs">ARGV: now, Unix ms: retries due by then move.</param>
    /// <param name="Batch">ARGV: how many at most.</param>
    /// <param name="QueuePrefix">ARGV: the queues' key prefix.</param>
    /// <param name="WakeChannel">ARGV: the channel that wakes the fetchers.</param>
    public readonly record struct Args(
        RedisKey RetryKey,
        long NowMs,
        int Batch,
        RedisValue QueuePrefix,
        RedisValue WakeChannel)
    {
        /// <summary>The keys, in the script's order.</summary>
        public RedisKey[] Keys() => [RetryKey];

        /// <summary>The arguments, in the script's order.</summary>
        public RedisValue[] Values() => [NowMs, Batch, QueuePrefix, WakeChannel];
    }

    /// <summary>Runs the script; returns how many retries it promoted.</summary>
    public static async Task<long> EvaluateAsync(IDatabaseAsync db, Args args) =>
        (long)await db.ScriptEvaluateAsync(Lua, args.Keys(), args.Values()).ConfigureAwait(false);
}
