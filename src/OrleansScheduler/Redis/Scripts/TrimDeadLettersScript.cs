using StackExchange.Redis;

namespace OrleansScheduler.Redis.Scripts;

/// <summary>
/// Drops dead letters older than the retention or beyond the limit, oldest first, at most <see cref="Batch"/> a call:
/// the periodic half of the bound, for when no new dead letter arrives (the settle script trims as it adds one).
/// </summary>
internal static class TrimDeadLettersScript
{
    /// <summary>The script. Its first lines name every key and argument, in the order <see cref="Args"/> passes them.</summary>
    public static readonly string Lua = $$"""
        local dead_letters_key, dead_letter_index_key =
          KEYS[1], KEYS[2]
        local limit, oldest_kept_ms =
          ARGV[1], ARGV[2]
        {{LuaSnippets.TrimDeadLetters}}
        return trim_dead_letters(dead_letters_key, dead_letter_index_key, limit, oldest_kept_ms)
        """;

    /// <summary>Dead letters dropped per call at most, so that no call blocks Redis for long: a caller that got this many calls again.</summary>
    public const int Batch = 100;

    /// <summary>The script's keys and arguments, by the names the script gives them.</summary>
    /// <param name="DeadLettersKey">KEYS: the dead letters.</param>
    /// <param name="DeadLetterIndexKey">KEYS: the dead letters by time.</param>
    /// <param name="Limit">ARGV: how many dead letters are kept.</param>
    /// <param name="OldestKeptMs">ARGV: dead letters older than this, Unix ms, are dropped.</param>
    public readonly record struct Args(
        RedisKey DeadLettersKey,
        RedisKey DeadLetterIndexKey,
        int Limit,
        long OldestKeptMs)
    {
        /// <summary>The keys, in the script's order.</summary>
        public RedisKey[] Keys() => [DeadLettersKey, DeadLetterIndexKey];

        /// <summary>The arguments, in the script's order.</summary>
        public RedisValue[] Values() => [Limit, OldestKeptMs];
    }

    /// <summary>Runs the script; returns how many dead letters it dropped.</summary>
    public static async Task<long> EvaluateAsync(IDatabaseAsync db, Args args) =>
        (long)await db.ScriptEvaluateAsync(Lua, args.Keys(), args.Values()).ConfigureAwait(false);
}
