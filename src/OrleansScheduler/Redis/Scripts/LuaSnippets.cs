namespace OrleansScheduler.Redis.Scripts;

/// <summary>Lua functions that more than one script defines: one text, so that the scripts cannot drift apart.</summary>
internal static class LuaSnippets
{
    /// <summary>
    /// <c>trim_dead_letters(hash, index, limit, oldest)</c>: drops, oldest first, the dead letters older than
    /// <c>oldest</c> (Unix ms) and those beyond <c>limit</c>, at most <see cref="TrimDeadLettersScript.Batch"/> a call
    /// so that no call blocks Redis for long. Returns how many it dropped.
    /// </summary>
    public static readonly string TrimDeadLetters = $$"""
        local function trim_dead_letters(hash, index, limit, oldest)
          local dropped = redis.call('ZRANGEBYSCORE', index, '-inf', '(' .. oldest, 'LIMIT', 0, {{TrimDeadLettersScript.Batch}})
          local excess = redis.call('ZCARD', index) - #dropped - tonumber(limit)
          if excess > 0 then
            local oldest_kept = redis.call('ZRANGE', index, #dropped, #dropped + math.min(excess, {{TrimDeadLettersScript.Batch}} - #dropped) - 1)
            for _, id in ipairs(oldest_kept) do
              dropped[#dropped + 1] = id
            end
          end
          if #dropped > 0 then
            redis.call('HDEL', hash, unpack(dropped))
            redis.call('ZREM', index, unpack(dropped))
          end
          return #dropped
        end
        """;

    /// <summary>
    /// <c>queue_of(run)</c>: the queue a run (JSON) names, or <c>default</c> when it names none or is not readable (it
    /// still goes somewhere a silo serves rather than vanish).
    /// </summary>
    public const string QueueOf = """
        local function queue_of(run)
          local ok, decoded = pcall(cjson.decode, run)
          if ok and type(decoded) == 'table' and type(decoded['queue']) == 'string' then
            return decoded['queue']
          end
          return 'default'
        end
        """;
}
