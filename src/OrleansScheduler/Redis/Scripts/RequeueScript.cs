using StackExchange.Redis;

namespace OrleansScheduler.Redis.Scripts;

/// <summary>
/// Puts a dead letter back on its queue (with the fresh first attempt stored in it) and forgets it. An entry that is
/// not a readable dead letter is left as it is.
/// </summary>
internal static class RequeueScript
{
    /// <summary>The script. Its first lines name every key and argument, in the order <see cref="Args"/> passes them.</summary>
    public const string Lua = """
        local dead_letters_key, dead_letter_index_key, active_key =
          KEYS[1], KEYS[2], KEYS[3]
        local run_id, queue_prefix, wake_channel =
          ARGV[1], ARGV[2], ARGV[3]
        local entry = redis.call('HGET', dead_letters_key, run_id)
        if not entry then
          return 0
        end
        local ok, dead = pcall(cjson.decode, entry)
        if not ok or type(dead) ~= 'table' or type(dead['queue']) ~= 'string' or type(dead['requeue']) ~= 'string' or type(dead['jobId']) ~= 'string' then
          return -1
        end
        redis.call('HDEL', dead_letters_key, run_id)
        redis.call('ZREM', dead_letter_index_key, run_id)
        redis.call('LPUSH', queue_prefix .. dead['queue'], dead['requeue'])
        redis.call('HINCRBY', active_key, dead['jobId'], 1)
        redis.call('PUBLISH', wake_channel, dead['queue'])
        return 1
        """;

    /// <summary>The script's keys and arguments, by the names the script gives them.</summary>
    /// <param name="DeadLettersKey">KEYS: the dead letters.</param>
    /// <param name="DeadLetterIndexKey">KEYS: the dead letters by time.</param>
    /// <param name="ActiveKey">KEYS: each job's runs queued or running.</param>
    /// <param name="RunId">ARGV: the dead letter's run id.</param>
    /// <param name="QueuePrefix">ARGV: the queues' key prefix.</param>
    /// <param name="WakeChannel">ARGV: the channel that wakes the fetchers.</param>
    public readonly record struct Args(
        RedisKey DeadLettersKey,
        RedisKey DeadLetterIndexKey,
        RedisKey ActiveKey,
        RedisValue RunId,
        RedisValue QueuePrefix,
        RedisValue WakeChannel)
    {
        /// <summary>The keys, in the script's order.</summary>
        public RedisKey[] Keys() => [DeadLettersKey, DeadLetterIndexKey, ActiveKey];

        /// <summary>The arguments, in the script's order.</summary>
        public RedisValue[] Values() => [RunId, QueuePrefix, WakeChannel];
    }

    /// <summary>Runs the script; returns 1 requeued, 0 no such dead letter, -1 unreadable.</summary>
    public static async Task<long> EvaluateAsync(IDatabaseAsync db, Args args) =>
        (long)await db.ScriptEvaluateAsync(Lua, args.Keys(), args.Values()).ConfigureAwait(false);
}
