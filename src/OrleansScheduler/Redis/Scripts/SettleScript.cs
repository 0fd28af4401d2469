using StackExchange.Redis;

namespace OrleansScheduler.Redis.Scripts;

/// <summary>
/// Settles one attempt: removes the run from the silo's processing list and, in the same step, records the outcome
/// and moves the run on (done, to the retry set, or to the dead letters, which are then trimmed to their limit and
/// retention). A run is thus either still owed (and recoverable) or settled, never both and never neither. If the run
/// was no longer in the list (the silo was declared dead and its runs were handed to others, or this is a retried call
/// whose first try did run), nothing is written: the run's fate is settled elsewhere.
/// </summary>
internal static class SettleScript
{
    /// <summary>The script. Its first lines name every key and argument, in the order <see cref="Args"/> passes them.</summary>
    public static readonly string Lua = $$"""
        local processing_key, history_key, counts_key, jobs_key, active_key, retry_key, dead_letters_key, dead_letter_index_key =
          KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[6], KEYS[7], KEYS[8]
        local run, history_entry, status, history_limit, job_id, disposition, next_attempt, retry_due_ms, run_id, dead_letter, dead_at_ms, dead_letter_limit, oldest_kept_ms =
          ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6], ARGV[7], ARGV[8], ARGV[9], ARGV[10], ARGV[11], ARGV[12], ARGV[13]
        {{LuaSnippets.TrimDeadLetters}}
        local owned = redis.call('LREM', processing_key, 1, run)
        if owned == 0 then
          return { 0, 0 }
        end
        if redis.call('ZSCORE', jobs_key, job_id) then
          redis.call('LPUSH', history_key, history_entry)
          redis.call('LTRIM', history_key, 0, tonumber(history_limit) - 1)
          redis.call('HINCRBY', counts_key, status, 1)
        end
        if disposition == 'retry' then
          redis.call('ZADD', retry_key, retry_due_ms, next_attempt)
          return { 1, 0 }
        end
        local dropped = 0
        if disposition == 'dead' then
          redis.call('HSET', dead_letters_key, run_id, dead_letter)
          redis.call('ZADD', dead_letter_index_key, dead_at_ms, run_id)
          dropped = trim_dead_letters(dead_letters_key, dead_letter_index_key, dead_letter_limit, oldest_kept_ms)
        end
        if redis.call('HINCRBY', active_key, job_id, -1) <= 0 then
          redis.call('HDEL', active_key, job_id)
        end
        return { 1, dropped }
        """;

    /// <summary>The script's keys and arguments, by the names the script gives them.</summary>
    /// <param name="ProcessingKey">KEYS: the silo's processing list.</param>
    /// <param name="HistoryKey">KEYS: the job's history.</param>
    /// <param name="CountsKey">KEYS: the job's counts.</param>
    /// <param name="JobsKey">KEYS: the jobs index (history is written only for a listed job).</param>
    /// <param name="ActiveKey">KEYS: each job's runs queued or running.</param>
    /// <param name="RetryKey">KEYS: the retry set.</param>
    /// <param name="DeadLettersKey">KEYS: the dead letters.</param>
    /// <param name="DeadLetterIndexKey">KEYS: the dead letters by time.</param>
    /// <param name="Run">ARGV: the run, exactly as fetched.</param>
    /// <param name="HistoryEntry">ARGV: the attempt's history entry (JSON).</param>
    /// <param name="Status">ARGV: the status counted.</param>
    /// <param name="HistoryLimit">ARGV: how many history entries a job keeps.</param>
    /// <param name="JobId">ARGV: the job.</param>
    /// <param name="Disposition">ARGV: <c>done</c>, <c>retry</c> or <c>dead</c>.</param>
    /// <param name="NextAttempt">ARGV: for a retry, the next attempt (JSON); else empty.</param>
    /// <param name="RetryDueMs">ARGV: for a retry, when it is due, Unix ms.</param>
    /// <param name="RunId">ARGV: the run id (the dead letter's field).</param>
    /// <param name="DeadLetter">ARGV: for a dead letter, the entry (JSON); else empty.</param>
    /// <param name="DeadAtMs">ARGV: for a dead letter, when it died, Unix ms.</param>
    /// <param name="DeadLetterLimit">ARGV: how many dead letters are kept.</param>
    /// <param name="OldestKeptMs">ARGV: dead letters older than this, Unix ms, are dropped.</param>
    public readonly record struct Args(
        RedisKey ProcessingKey,
        RedisKey HistoryKey,
        RedisKey CountsKey,
        RedisKey JobsKey,
        RedisKey ActiveKey,
        RedisKey RetryKey,
        RedisKey DeadLettersKey,
        RedisKey DeadLetterIndexKey,
        RedisValue Run,
        RedisValue HistoryEntry,
        RedisValue Status,
        int HistoryLimit,
        RedisValue JobId,
        RedisValue Disposition,
        RedisValue NextAttempt,
        long RetryDueMs,
        RedisValue RunId,
        RedisValue DeadLetter,
        long DeadAtMs,
        int DeadLetterLimit,
        long OldestKeptMs)
    {
        /// <summary>The keys, in the script's order.</summary>
        public RedisKey[] Keys() => [ProcessingKey, HistoryKey, CountsKey, JobsKey, ActiveKey, RetryKey, DeadLettersKey, DeadLetterIndexKey];

        /// <summary>The arguments, in the script's order.</summary>
        public RedisValue[] Values() => [Run, HistoryEntry, Status, HistoryLimit, JobId, Disposition, NextAttempt, RetryDueMs, RunId, DeadLetter, DeadAtMs, DeadLetterLimit, OldestKeptMs];
    }

    /// <summary>Runs the script; returns whether this silo still owned the run, and how many dead letters the trim dropped.</summary>
    public static async Task<(bool Owned, long DeadLettersDropped)> EvaluateAsync(IDatabaseAsync db, Args args)
    {
        var values = (RedisResult[])(await db.ScriptEvaluateAsync(Lua, args.Keys(), args.Values()).ConfigureAwait(false))!;
        return ((long)values[0] == 1, (long)values[1]);
    }
}
