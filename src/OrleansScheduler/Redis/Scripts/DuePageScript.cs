using StackExchange.Redis;

namespace OrleansScheduler.Redis.Scripts;

/// <summary>
/// One page of the due index in (score, member) order, strictly after the entry (<c>after_member</c>,
/// <c>after_score</c>) and up to the score <c>max_score</c>. Paging by position from an entry, not by offset, so that
/// entries leaving the range while the caller wakes jobs (their due time moves on) do not make it skip others: an entry
/// is never skipped, and one that moved behind the cursor is at most returned again.
/// </summary>
internal static class DuePageScript
{
    /// <summary>The script. Its first lines name every key and argument, in the order <see cref="Args"/> passes them.</summary>
    public const string Lua = """
        local due_key =
          KEYS[1]
        local max_score, page_size, after_member, after_score =
          ARGV[1], ARGV[2], ARGV[3], ARGV[4]
        local start = 0
        if after_member ~= '' then
          local score = redis.call('ZSCORE', due_key, after_member)
          if score and tonumber(score) == tonumber(after_score) then
            start = redis.call('ZRANK', due_key, after_member) + 1
          else
            start = redis.call('ZCOUNT', due_key, '-inf', '(' .. after_score)
          end
        end
        local page = redis.call('ZRANGE', due_key, start, start + tonumber(page_size) - 1, 'WITHSCORES')
        local result = {}
        for i = 1, #page, 2 do
          if tonumber(page[i + 1]) > tonumber(max_score) then
            break
          end
          result[#result + 1] = page[i]
          result[#result + 1] = page[i + 1]
        end
        return result
        """;

    /// <summary>The script's keys and arguments, by the names the script gives them.</summary>
    /// <param name="DueKey">KEYS: the due index.</param>
    /// <param name="MaxScore">ARGV: the highest score, Unix ms.</param>
    /// <param name="PageSize">ARGV: how many entries at most.</param>
    /// <param name="AfterMember">ARGV: the member after which to start; empty for the first page.</param>
    /// <param name="AfterScore">ARGV: its score, as Redis returned it.</param>
    public readonly record struct Args(
        RedisKey DueKey,
        long MaxScore,
        int PageSize,
        RedisValue AfterMember,
        RedisValue AfterScore)
    {
        /// <summary>The keys, in the script's order.</summary>
        public RedisKey[] Keys() => [DueKey];

        /// <summary>The arguments, in the script's order.</summary>
        public RedisValue[] Values() => [MaxScore, PageSize, AfterMember, AfterScore];
    }

    /// <summary>Runs the script; returns member, score, member, score, …</summary>
    public static async Task<RedisValue[]> EvaluateAsync(IDatabaseAsync db, Args args) =>
        (RedisValue[])(await db.ScriptEvaluateAsync(Lua, args.Keys(), args.Values()).ConfigureAwait(false))!;
}
