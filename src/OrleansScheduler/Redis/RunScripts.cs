namespace OrleansScheduler.Redis;

/// <summary>
/// The Lua scripts behind every multi-step change of a run. Redis runs each one whole, so no crash or concurrent
/// silo can observe or leave a half-done step. Key layout: <see cref="SchedulerKeys"/>.
/// </summary>
internal static class RunScripts
{
    /// <summary>
    /// Claims an occurrence and pushes its run in one step: a retried call, a duplicate activation or a crash between
    /// push and grain bookkeeping finds the claim taken and pushes nothing. Exactly one enqueue per occurrence holds here.
    /// A scheduled occurrence later than Redis's clock plus the allowed skew is refused before anything is written: the
    /// silo's clock is ahead (a jump), and Redis's clock is the reference for what is due. The job's last enqueued
    /// occurrence advances before the claim is checked, so an occurrence suppressed as a duplicate (a one-shot redefined
    /// within the claim's lifetime) is remembered after its claim expires. With the overlap policy Skip, an occurrence of
    /// a job that still has a run queued or running is recorded as skipped instead, and becomes the job's latest missed
    /// occurrence (reason 'overlap') unless a later one is already recorded.
    /// Returns 1 pushed, 0 already claimed, 2 skipped by overlap, 3 refused (the silo's clock is ahead of Redis's).
    /// KEYS: claim, queue, last-enqueued, active, history, counts, jobs, due, missed, queues.
    /// ARGV: run JSON, claim TTL ms, job id, occurrence ms ('' for a triggered run), wake channel, queue name,
    /// 'skip' or '', skipped-entry JSON, history limit, the job's next due ms after this one ('' to leave it, '-' for none),
    /// the most the occurrence may be ahead of Redis's clock, ms.
    /// </summary>
    public const string Enqueue = """
        if ARGV[4] ~= '' then
          local now = redis.call('TIME')
          if tonumber(ARGV[4]) > tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000) + tonumber(ARGV[11]) then
            return 3
          end
        end
        if ARGV[10] == '-' then
          redis.call('ZREM', KEYS[8], ARGV[3])
        elseif ARGV[10] ~= '' then
          redis.call('ZADD', KEYS[8], ARGV[10], ARGV[3])
        end
        if ARGV[4] ~= '' then
          local last = redis.call('HGET', KEYS[3], ARGV[3])
          if not last or tonumber(ARGV[4]) > tonumber(last) then
            redis.call('HSET', KEYS[3], ARGV[3], ARGV[4])
          end
        end
        if redis.call('SET', KEYS[1], '1', 'NX', 'PX', ARGV[2]) == false then
          return 0
        end
        if ARGV[7] == 'skip' and tonumber(redis.call('HGET', KEYS[4], ARGV[3]) or '0') > 0 then
          if redis.call('ZSCORE', KEYS[7], ARGV[3]) then
            redis.call('LPUSH', KEYS[5], ARGV[8])
            redis.call('LTRIM', KEYS[5], 0, tonumber(ARGV[9]) - 1)
            redis.call('HINCRBY', KEYS[6], 'Skipped', 1)
            local missed = redis.call('HGET', KEYS[9], 'at')
            if ARGV[4] ~= '' and (not missed or tonumber(ARGV[4]) >= tonumber(missed)) then
              redis.call('HSET', KEYS[9], 'at', ARGV[4], 'reason', 'overlap')
            end
          end
          return 2
        end
        redis.call('LPUSH', KEYS[2], ARGV[1])
        redis.call('HINCRBY', KEYS[4], ARGV[3], 1)
        redis.call('SADD', KEYS[10], ARGV[6])
        redis.call('PUBLISH', ARGV[5], ARGV[6])
        return 1
        """;

    /// <summary>
    /// Moves up to ARGV[1] of the oldest runs of a queue into a silo's processing list, oldest first, in one round trip.
    /// Each move is an LMOVE, never a pop: until settled, every run stays in Redis and is recoverable if the silo dies.
    /// A list that receives runs is registered in the same step (HSETNX: no write when it already is), so the recovery
    /// finds it even when it is filled after the silo's list was recovered once (a silo declared dead while alive).
    /// KEYS: queue, processing, processing-lists. ARGV: how many at most, silo name, cluster id.
    /// Returns the moved entries (empty when the queue was).
    /// </summary>
    public const string Fetch = """
        local moved = {}
        for i = 1, tonumber(ARGV[1]) do
          local run = redis.call('LMOVE', KEYS[1], KEYS[2], 'RIGHT', 'LEFT')
          if not run then
            break
          end
          moved[i] = run
        end
        if #moved > 0 then
          redis.call('HSETNX', KEYS[3], ARGV[2], ARGV[3])
        end
        return moved
        """;

    /// <summary>
    /// Lua function shared by the scripts that bound the dead letters: drops, oldest first, the dead letters older than
    /// <c>oldest</c> (Unix ms) and those beyond <c>limit</c>, at most 100 a call so that no call blocks Redis for long.
    /// Returns how many it dropped.
    /// </summary>
    private const string TrimDeadLettersFunction = """
        local function trim_dead_letters(hash, index, limit, oldest)
          local dropped = redis.call('ZRANGEBYSCORE', index, '-inf', '(' .. oldest, 'LIMIT', 0, 100)
          local excess = redis.call('ZCARD', index) - #dropped - tonumber(limit)
          if excess > 0 then
            local oldest_kept = redis.call('ZRANGE', index, #dropped, #dropped + math.min(excess, 100 - #dropped) - 1)
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
    /// Settles one attempt: removes the run from the silo's processing list and, in the same step, records the outcome
    /// and moves the run on (done, to the retry set, or to the dead letters, which are then trimmed to their limit and
    /// retention). A run is thus either still owed (and recoverable) or settled, never both and never neither. If the run
    /// was no longer in the list (the silo was declared dead and its runs were handed to others, or this is a retried
    /// call whose first try did run), nothing is written: the run's fate is settled elsewhere.
    /// Returns { 1 when this silo still owned the run, else 0; dead letters dropped by the trim }.
    /// KEYS: processing, history, counts, jobs, active, retry, dead letters, dead-letter index.
    /// ARGV: run JSON, history entry JSON, status, history limit, job id, 'done'|'retry'|'dead', next-attempt JSON,
    /// retry due ms, run id, dead letter JSON, dead at ms, dead-letter limit, oldest dead letter kept ms.
    /// </summary>
    public const string Complete = TrimDeadLettersFunction + """
        local owned = redis.call('LREM', KEYS[1], 1, ARGV[1])
        if owned == 0 then
          return { 0, 0 }
        end
        if redis.call('ZSCORE', KEYS[4], ARGV[5]) then
          redis.call('LPUSH', KEYS[2], ARGV[2])
          redis.call('LTRIM', KEYS[2], 0, tonumber(ARGV[4]) - 1)
          redis.call('HINCRBY', KEYS[3], ARGV[3], 1)
        end
        if ARGV[6] == 'retry' then
          redis.call('ZADD', KEYS[6], ARGV[8], ARGV[7])
          return { 1, 0 }
        end
        local dropped = 0
        if ARGV[6] == 'dead' then
          redis.call('HSET', KEYS[7], ARGV[9], ARGV[10])
          redis.call('ZADD', KEYS[8], ARGV[11], ARGV[9])
          dropped = trim_dead_letters(KEYS[7], KEYS[8], ARGV[12], ARGV[13])
        end
        if redis.call('HINCRBY', KEYS[5], ARGV[5], -1) <= 0 then
          redis.call('HDEL', KEYS[5], ARGV[5])
        end
        return { 1, dropped }
        """;

    /// <summary>
    /// Drops dead letters older than the retention or beyond the limit (oldest first, at most 100 a call): the periodic
    /// half of the bound, for when no new dead letter arrives. KEYS: dead letters, dead-letter index.
    /// ARGV: limit, oldest kept ms. Returns how many it dropped.
    /// </summary>
    public const string TrimDeadLetters = TrimDeadLettersFunction + """
        return trim_dead_letters(KEYS[1], KEYS[2], ARGV[1], ARGV[2])
        """;

    /// <summary>
    /// Records skipped occurrences (history entries that belong to no fetched run), oldest first, each at most once: an
    /// entry is written only when its occurrence is later than the job's last enqueued occurrence and its claim (the same
    /// claim the enqueue script takes) was free, so an occurrence that was enqueued, or recorded before (by this call's
    /// first try, or by a stale activation on a silo declared dead), is not recorded again. Adds the entries' counts to
    /// the job's, makes the latest recorded one the job's latest missed occurrence (unless a later one is recorded) and,
    /// when given, advances the job's last enqueued occurrence past them. Nothing is written when an entry or the
    /// advance is later than Redis's clock plus the allowed skew (the silo's clock is ahead).
    /// Returns how many occurrences the recorded entries stand for, or -1 when refused for the clock.
    /// KEYS: history, counts, jobs, last-enqueued, missed, then one claim per entry.
    /// ARGV: job id, history limit, claim TTL ms, advance-to ms or '', missed reason, the most an occurrence may be ahead
    /// of Redis's clock (ms), status, then per entry: latest occurrence it covers (ms), how many occurrences it counts,
    /// entry JSON.
    /// </summary>
    public const string Record = """
        local entries = (#ARGV - 7) / 3
        local latest = tonumber(ARGV[4]) or -math.huge
        for i = 0, entries - 1 do
          latest = math.max(latest, tonumber(ARGV[8 + 3 * i]))
        end
        local now = redis.call('TIME')
        if latest > tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000) + tonumber(ARGV[6]) then
          return -1
        end
        local marker = tonumber(redis.call('HGET', KEYS[4], ARGV[1]))
        local indexed = redis.call('ZSCORE', KEYS[3], ARGV[1])
        local recorded, count, missed = 0, 0, nil
        for i = 0, entries - 1 do
          local covers = tonumber(ARGV[8 + 3 * i])
          if (not marker or covers > marker) and redis.call('SET', KEYS[6 + i], '1', 'NX', 'PX', ARGV[3]) then
            if indexed then
              redis.call('LPUSH', KEYS[1], ARGV[10 + 3 * i])
            end
            recorded = recorded + 1
            count = count + tonumber(ARGV[9 + 3 * i])
            if not missed or covers > tonumber(missed) then
              missed = ARGV[8 + 3 * i]
            end
          end
        end
        if indexed and recorded > 0 then
          redis.call('LTRIM', KEYS[1], 0, tonumber(ARGV[2]) - 1)
          redis.call('HINCRBY', KEYS[2], ARGV[7], count)
          local last_missed = tonumber(redis.call('HGET', KEYS[5], 'at'))
          if not last_missed or tonumber(missed) >= last_missed then
            redis.call('HSET', KEYS[5], 'at', missed, 'reason', ARGV[5])
          end
        end
        if ARGV[4] ~= '' and (not marker or tonumber(ARGV[4]) > marker) then
          redis.call('HSET', KEYS[4], ARGV[1], ARGV[4])
        end
        return count
        """;

    /// <summary>
    /// Moves retries that are due onto their queues. Removal and push happen together, so when several silos
    /// promote at once each run is promoted exactly once. KEYS: retry. ARGV: now ms, batch size, queue prefix, channel.
    /// </summary>
    public const string PromoteRetries = """
        local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
        for _, run in ipairs(due) do
          redis.call('ZREM', KEYS[1], run)
          local ok, decoded = pcall(cjson.decode, run)
          local queue = 'default'
          if ok and type(decoded) == 'table' and type(decoded['queue']) == 'string' then
            queue = decoded['queue']
          end
          redis.call('LPUSH', ARGV[3] .. queue, run)
        end
        if #due > 0 then
          redis.call('PUBLISH', ARGV[4], 'retry')
        end
        return #due
        """;

    /// <summary>
    /// Hands a silo's unacknowledged runs back to their queues, oldest at the consuming end, in one step: a second
    /// call (another survivor, a restart) finds the list empty, so each run is recovered exactly once. With ARGV[4] set,
    /// the silo's entry in the registry of processing lists goes too (the list is empty now; should the silo, declared
    /// dead while alive, fill it again, its fetch registers it again).
    /// KEYS: processing, processing-lists. ARGV: queue prefix, channel, silo name, 'release' or ''.
    /// </summary>
    public const string Recover = """
        local moved = 0
        while true do
          local run = redis.call('LPOP', KEYS[1])
          if not run then
            break
          end
          local ok, decoded = pcall(cjson.decode, run)
          local queue = 'default'
          if ok and type(decoded) == 'table' and type(decoded['queue']) == 'string' then
            queue = decoded['queue']
          end
          redis.call('RPUSH', ARGV[1] .. queue, run)
          moved = moved + 1
        end
        if moved > 0 then
          redis.call('PUBLISH', ARGV[2], 'recovered')
        end
        if ARGV[4] == 'release' then
          redis.call('HDEL', KEYS[2], ARGV[3])
        end
        return moved
        """;

    /// <summary>
    /// Puts a dead letter back on its queue (with the fresh first attempt stored in it) and forgets it. An entry that
    /// is not a readable dead letter is left as it is. KEYS: dead letters, dead-letter index, active.
    /// ARGV: run id, queue prefix, channel. Returns 1 requeued, 0 no such dead letter, -1 unreadable.
    /// </summary>
    public const string Requeue = """
        local entry = redis.call('HGET', KEYS[1], ARGV[1])
        if not entry then
          return 0
        end
        local ok, dead = pcall(cjson.decode, entry)
        if not ok or type(dead) ~= 'table' or type(dead['queue']) ~= 'string' or type(dead['requeue']) ~= 'string' or type(dead['jobId']) ~= 'string' then
          return -1
        end
        redis.call('HDEL', KEYS[1], ARGV[1])
        redis.call('ZREM', KEYS[2], ARGV[1])
        redis.call('LPUSH', ARGV[2] .. dead['queue'], dead['requeue'])
        redis.call('HINCRBY', KEYS[3], dead['jobId'], 1)
        redis.call('PUBLISH', ARGV[3], dead['queue'])
        return 1
        """;

    /// <summary>
    /// One page of the due index in (score, member) order, strictly after the entry (ARGV[3], ARGV[4]) and up to the
    /// score ARGV[1]. Paging by position from an entry, not by offset, so that entries leaving the range while the
    /// caller wakes jobs (their due time moves on) do not make it skip others: an entry is never skipped, and one that
    /// moved behind the cursor is at most returned again.
    /// KEYS: due. ARGV: highest score, page size, member after which to start ('' for the first page), its score.
    /// Returns member, score, member, score, …
    /// </summary>
    public const string DuePage = """
        local start = 0
        if ARGV[3] ~= '' then
          local score = redis.call('ZSCORE', KEYS[1], ARGV[3])
          if score and tonumber(score) == tonumber(ARGV[4]) then
            start = redis.call('ZRANK', KEYS[1], ARGV[3]) + 1
          else
            start = redis.call('ZCOUNT', KEYS[1], '-inf', '(' .. ARGV[4])
          end
        end
        local page = redis.call('ZRANGE', KEYS[1], start, start + tonumber(ARGV[2]) - 1, 'WITHSCORES')
        local result = {}
        for i = 1, #page, 2 do
          if tonumber(page[i + 1]) > tonumber(ARGV[1]) then
            break
          end
          result[#result + 1] = page[i]
          result[#result + 1] = page[i + 1]
        end
        return result
        """;
}
