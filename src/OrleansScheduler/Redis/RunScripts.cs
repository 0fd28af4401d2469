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
    /// With the overlap policy Skip, an occurrence of a job that still has a run queued or running is recorded as
    /// skipped instead, and becomes the job's latest missed occurrence (reason 'overlap') unless a later one is already
    /// recorded. Returns 1 pushed, 0 already claimed, 2 skipped by overlap.
    /// KEYS: claim, queue, last-enqueued, active, history, counts, jobs, due, missed.
    /// ARGV: run JSON, claim TTL ms, job id, occurrence ms ('' for a triggered run), wake channel, queue name,
    /// 'skip' or '', skipped-entry JSON, history limit, the job's next due ms after this one ('' to leave it, '-' for none).
    /// </summary>
    public const string Enqueue = """
        if ARGV[10] == '-' then
          redis.call('ZREM', KEYS[8], ARGV[3])
        elseif ARGV[10] ~= '' then
          redis.call('ZADD', KEYS[8], ARGV[10], ARGV[3])
        end
        if redis.call('SET', KEYS[1], '1', 'NX', 'PX', ARGV[2]) == false then
          return 0
        end
        if ARGV[4] ~= '' then
          local last = tonumber(redis.call('HGET', KEYS[3], ARGV[3]) or '-1')
          if tonumber(ARGV[4]) > last then
            redis.call('HSET', KEYS[3], ARGV[3], ARGV[4])
          end
        end
        if ARGV[7] == 'skip' and tonumber(redis.call('HGET', KEYS[4], ARGV[3]) or '0') > 0 then
          if redis.call('ZSCORE', KEYS[7], ARGV[3]) then
            redis.call('LPUSH', KEYS[5], ARGV[8])
            redis.call('LTRIM', KEYS[5], 0, tonumber(ARGV[9]) - 1)
            redis.call('HINCRBY', KEYS[6], 'Skipped', 1)
            if ARGV[4] ~= '' and tonumber(ARGV[4]) >= tonumber(redis.call('HGET', KEYS[9], 'at') or '-1') then
              redis.call('HSET', KEYS[9], 'at', ARGV[4], 'reason', 'overlap')
            end
          end
          return 2
        end
        redis.call('LPUSH', KEYS[2], ARGV[1])
        redis.call('HINCRBY', KEYS[4], ARGV[3], 1)
        redis.call('PUBLISH', ARGV[5], ARGV[6])
        return 1
        """;

    /// <summary>
    /// Moves up to ARGV[1] of the oldest runs of a queue into a silo's processing list, oldest first, in one round trip.
    /// Each move is an LMOVE, never a pop: until settled, every run stays in Redis and is recoverable if the silo dies.
    /// KEYS: queue, processing. ARGV: how many at most. Returns the moved entries (empty when the queue was).
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
        return moved
        """;

    /// <summary>
    /// Settles one attempt: removes the run from the silo's processing list and, in the same step, records the outcome
    /// and moves the run on (done, to the retry set, or to the dead letters). A run is thus either still owed (and
    /// recoverable) or settled, never both and never neither. If the run was no longer in the list (the silo was
    /// declared dead and its runs were handed to others, or this is a retried call whose first try did run), nothing
    /// is written: the run's fate is settled elsewhere. Returns 1 when this silo still owned the run.
    /// KEYS: processing, history, counts, jobs, active, retry, dead letters, dead-letter index.
    /// ARGV: run JSON, history entry JSON, status, history limit, job id, 'done'|'retry'|'dead', next-attempt JSON,
    /// retry due ms, run id, dead letter JSON, dead at ms.
    /// </summary>
    public const string Complete = """
        local owned = redis.call('LREM', KEYS[1], 1, ARGV[1])
        if owned == 0 then
          return 0
        end
        if redis.call('ZSCORE', KEYS[4], ARGV[5]) then
          redis.call('LPUSH', KEYS[2], ARGV[2])
          redis.call('LTRIM', KEYS[2], 0, tonumber(ARGV[4]) - 1)
          redis.call('HINCRBY', KEYS[3], ARGV[3], 1)
        end
        if ARGV[6] == 'retry' then
          redis.call('ZADD', KEYS[6], ARGV[8], ARGV[7])
          return 1
        end
        if ARGV[6] == 'dead' then
          redis.call('HSET', KEYS[7], ARGV[9], ARGV[10])
          redis.call('ZADD', KEYS[8], ARGV[11], ARGV[9])
        end
        if redis.call('HINCRBY', KEYS[5], ARGV[5], -1) <= 0 then
          redis.call('HDEL', KEYS[5], ARGV[5])
        end
        return 1
        """;

    /// <summary>
    /// Records history entries that belong to no fetched run (skipped occurrences), oldest first, adds the total to
    /// the job's count, when given makes the latest of them the job's latest missed occurrence (unless a later one is
    /// already recorded) and, when given, advances the job's last enqueued occurrence past them so they are never
    /// considered again. KEYS: history, counts, jobs, last-enqueued, missed.
    /// ARGV: job id, history limit, status, count, advance-to ms or '', latest missed ms or '', missed reason, entries…
    /// </summary>
    public const string Record = """
        if ARGV[5] ~= '' then
          local last = tonumber(redis.call('HGET', KEYS[4], ARGV[1]) or '-1')
          if tonumber(ARGV[5]) > last then
            redis.call('HSET', KEYS[4], ARGV[1], ARGV[5])
          end
        end
        if not redis.call('ZSCORE', KEYS[3], ARGV[1]) then
          return 0
        end
        for i = 8, #ARGV do
          redis.call('LPUSH', KEYS[1], ARGV[i])
        end
        redis.call('LTRIM', KEYS[1], 0, tonumber(ARGV[2]) - 1)
        redis.call('HINCRBY', KEYS[2], ARGV[3], tonumber(ARGV[4]))
        if ARGV[6] ~= '' and tonumber(ARGV[6]) >= tonumber(redis.call('HGET', KEYS[5], 'at') or '-1') then
          redis.call('HSET', KEYS[5], 'at', ARGV[6], 'reason', ARGV[7])
        end
        return 1
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
    /// call (another survivor, a restart) finds the list empty, so each run is recovered exactly once.
    /// KEYS: processing. ARGV: queue prefix, channel.
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
        return moved
        """;

    /// <summary>
    /// Puts a dead letter back on its queue (with the fresh first attempt stored in it) and forgets it.
    /// KEYS: dead letters, dead-letter index, active. ARGV: run id, queue prefix, channel.
    /// </summary>
    public const string Requeue = """
        local entry = redis.call('HGET', KEYS[1], ARGV[1])
        if not entry then
          return 0
        end
        local dead = cjson.decode(entry)
        redis.call('HDEL', KEYS[1], ARGV[1])
        redis.call('ZREM', KEYS[2], ARGV[1])
        redis.call('LPUSH', ARGV[2] .. dead['queue'], dead['requeue'])
        redis.call('HINCRBY', KEYS[3], dead['jobId'], 1)
        redis.call('PUBLISH', ARGV[3], dead['queue'])
        return 1
        """;
}
