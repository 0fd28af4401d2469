using StackExchange.Redis;

namespace OrleansScheduler.Redis.Scripts;

/// <summary>
/// Records skipped occurrences (history entries that belong to no fetched run), oldest first, each at most once: an
/// entry is written only when its occurrence is later than the job's last enqueued occurrence and its claim (the same
/// claim the enqueue script takes) was free, so an occurrence that was enqueued, or recorded before (by this call's
/// first try, or by a stale activation on a silo declared dead), is not recorded again. Adds the entries' counts to the
/// job's, makes the latest recorded one the job's latest missed occurrence (unless a later one is recorded) and, when
/// given, advances the job's last enqueued occurrence past them. Nothing is written when an entry or the advance is
/// later than Redis's clock plus the allowed skew (the silo's clock is ahead).
/// </summary>
internal static class RecordSkippedScript
{
    /// <summary>
    /// The script. Its first lines name every key and argument, in the order <see cref="Args"/> passes them; then come
    /// one claim key per entry, and three arguments per entry (the latest occurrence it covers, ms; how many occurrences
    /// it counts; the entry's JSON).
    /// </summary>
    public const string Lua = """
        local history_key, counts_key, jobs_key, last_enqueued_key, missed_key =
          KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5]
        local job_id, history_limit, claim_ttl_ms, advance_to_ms, missed_reason, max_skew_ms, status =
          ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6], ARGV[7]
        local first_claim, first_entry = 6, 8
        local entries = (#ARGV - first_entry + 1) / 3
        local function covers_of(i) return ARGV[first_entry + 3 * i] end
        local function count_of(i) return tonumber(ARGV[first_entry + 3 * i + 1]) end
        local function entry_of(i) return ARGV[first_entry + 3 * i + 2] end
        local latest = tonumber(advance_to_ms) or -math.huge
        for i = 0, entries - 1 do
          latest = math.max(latest, tonumber(covers_of(i)))
        end
        local now = redis.call('TIME')
        if latest > tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000) + tonumber(max_skew_ms) then
          return -1
        end
        local last_enqueued = tonumber(redis.call('HGET', last_enqueued_key, job_id))
        local indexed = redis.call('ZSCORE', jobs_key, job_id)
        local recorded, count, missed = 0, 0, nil
        for i = 0, entries - 1 do
          local covers = tonumber(covers_of(i))
          if (not last_enqueued or covers > last_enqueued) and redis.call('SET', KEYS[first_claim + i], '1', 'NX', 'PX', claim_ttl_ms) then
            if indexed then
              redis.call('LPUSH', history_key, entry_of(i))
            end
            recorded = recorded + 1
            count = count + count_of(i)
            if not missed or covers > tonumber(missed) then
              missed = covers_of(i)
            end
          end
        end
        if indexed and recorded > 0 then
          redis.call('LTRIM', history_key, 0, tonumber(history_limit) - 1)
          redis.call('HINCRBY', counts_key, status, count)
          local last_missed = tonumber(redis.call('HGET', missed_key, 'at'))
          if not last_missed or tonumber(missed) >= last_missed then
            redis.call('HSET', missed_key, 'at', missed, 'reason', missed_reason)
          end
        end
        if advance_to_ms ~= '' and (not last_enqueued or tonumber(advance_to_ms) > last_enqueued) then
          redis.call('HSET', last_enqueued_key, job_id, advance_to_ms)
        end
        return count
        """;

    /// <summary>The script's keys and arguments, by the names the script gives them.</summary>
    /// <param name="HistoryKey">KEYS: the job's history.</param>
    /// <param name="CountsKey">KEYS: the job's counts.</param>
    /// <param name="JobsKey">KEYS: the jobs index (history is written only for a listed job).</param>
    /// <param name="LastEnqueuedKey">KEYS: each job's last enqueued occurrence.</param>
    /// <param name="MissedKey">KEYS: the job's latest missed occurrence.</param>
    /// <param name="JobId">ARGV: the job.</param>
    /// <param name="HistoryLimit">ARGV: how many history entries a job keeps.</param>
    /// <param name="ClaimTtlMs">ARGV: how long a claim lasts, ms.</param>
    /// <param name="AdvanceToMs">ARGV: the job's last enqueued occurrence advances to this, Unix ms; empty to leave it.</param>
    /// <param name="MissedReason">ARGV: why the occurrences were missed (the latest missed occurrence's reason).</param>
    /// <param name="MaxSkewMs">ARGV: the most an occurrence may be ahead of Redis's clock, ms.</param>
    /// <param name="Status">ARGV: the status counted.</param>
    /// <param name="Entries">The entries: per entry one claim key and three arguments.</param>
    public readonly record struct Args(
        RedisKey HistoryKey,
        RedisKey CountsKey,
        RedisKey JobsKey,
        RedisKey LastEnqueuedKey,
        RedisKey MissedKey,
        RedisValue JobId,
        int HistoryLimit,
        long ClaimTtlMs,
        RedisValue AdvanceToMs,
        RedisValue MissedReason,
        long MaxSkewMs,
        RedisValue Status,
        IReadOnlyList<Entry> Entries)
    {
        /// <summary>The keys, in the script's order.</summary>
        public RedisKey[] Keys()
        {
            var keys = new RedisKey[5 + Entries.Count];
            (keys[0], keys[1], keys[2], keys[3], keys[4]) = (HistoryKey, CountsKey, JobsKey, LastEnqueuedKey, MissedKey);
            for (var i = 0; i < Entries.Count; i++)
            {
                keys[5 + i] = Entries[i].ClaimKey;
            }

            return keys;
        }

        /// <summary>The arguments, in the script's order.</summary>
        public RedisValue[] Values()
        {
            var values = new RedisValue[7 + (3 * Entries.Count)];
            (values[0], values[1], values[2], values[3], values[4], values[5], values[6]) = (JobId, HistoryLimit, ClaimTtlMs, AdvanceToMs, MissedReason, MaxSkewMs, Status);
            for (var i = 0; i < Entries.Count; i++)
            {
                (values[7 + (3 * i)], values[8 + (3 * i)], values[9 + (3 * i)]) = (Entries[i].CoversMs, Entries[i].Count, Entries[i].Json);
            }

            return values;
        }
    }

    /// <summary>One history entry to record, with its claim.</summary>
    /// <param name="ClaimKey">The claim of the entry's run id (the one the enqueue script would take).</param>
    /// <param name="CoversMs">The latest occurrence the entry stands for, Unix ms.</param>
    /// <param name="Count">How many occurrences it stands for.</param>
    /// <param name="Json">The history entry.</param>
    public readonly record struct Entry(RedisKey ClaimKey, long CoversMs, long Count, string Json);

    /// <summary>Runs the script; returns how many occurrences the recorded entries stand for, or -1 when refused for the clock.</summary>
    public static async Task<long> EvaluateAsync(IDatabaseAsync db, Args args) =>
        (long)await db.ScriptEvaluateAsync(Lua, args.Keys(), args.Values()).ConfigureAwait(false);
}
