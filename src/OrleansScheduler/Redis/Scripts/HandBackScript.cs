using StackExchange.Redis;

namespace OrleansScheduler.Redis.Scripts;

/// <summary>
/// Hands the runs of a processing list back to their queues, oldest at the consuming end, in one step: a second call
/// (another survivor, a restart) finds the list empty, so each run is handed back exactly once. With <c>release</c>
/// set, the silo's entry in the registry of processing lists goes too (the list is empty now; should the silo, declared
/// dead while alive, fill it again, its fetch registers it again).
/// </summary>
internal static class HandBackScript
{
    /// <summary>The script. Its first lines name every key and argument, in the order <see cref="Args"/> passes them.</summary>
    public static readonly string Lua = $$"""
        local processing_key, processing_lists_key =
          KEYS[1], KEYS[2]
        local queue_prefix, wake_channel, silo, release =
          ARGV[1], ARGV[2], ARGV[3], ARGV[4]
        {{LuaSnippets.QueueOf}}
        local moved = 0
        while true do
          local run = redis.call('LPOP', processing_key)
          if not run then
            break
          end
          redis.call('RPUSH', queue_prefix .. queue_of(run), run)
          moved = moved + 1
        end
        if moved > 0 then
          redis.call('PUBLISH', wake_channel, 'recovered')
        end
        if release == 'release' then
          redis.call('HDEL', processing_lists_key, silo)
        end
        return moved
        """;

    /// <summary>The script's keys and arguments, by the names the script gives them.</summary>
    /// <param name="ProcessingKey">KEYS: the processing list.</param>
    /// <param name="ProcessingListsKey">KEYS: the registry of processing lists.</param>
    /// <param name="QueuePrefix">ARGV: the queues' key prefix.</param>
    /// <param name="WakeChannel">ARGV: the channel that wakes the fetchers.</param>
    /// <param name="Silo">ARGV: the silo whose list it is.</param>
    /// <param name="Release">ARGV: <c>release</c> to drop the silo's registry entry, else empty.</param>
    public readonly record struct Args(
        RedisKey ProcessingKey,
        RedisKey ProcessingListsKey,
        RedisValue QueuePrefix,
        RedisValue WakeChannel,
        RedisValue Silo,
        RedisValue Release)
    {
        /// <summary>The keys, in the script's order.</summary>
        public RedisKey[] Keys() => [ProcessingKey, ProcessingListsKey];

        /// <summary>The arguments, in the script's order.</summary>
        public RedisValue[] Values() => [QueuePrefix, WakeChannel, Silo, Release];
    }

    /// <summary>Runs the script; returns how many runs it handed back (0 when another silo did it first).</summary>
    public static async Task<long> EvaluateAsync(IDatabaseAsync db, Args args) =>
        (long)await db.ScriptEvaluateAsync(Lua, args.Keys(), args.Values()).ConfigureAwait(false);
}
