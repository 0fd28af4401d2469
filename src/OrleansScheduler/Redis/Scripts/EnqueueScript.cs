using OrleansScheduler.Firing;
using StackExchange.Redis;

namespace OrleansScheduler.Redis.Scripts;

/// <summary>
/// Claims an occurrence and pushes its run in one step: a retried call, a duplicate activation or a crash between
/// push and grain bookkeeping finds the claim taken and pushes nothing. Exactly one enqueue per occurrence holds here.
/// A scheduled occurrence later than Redis's clock plus the allowed skew is refused before anything is written: the
/// silo's clock is ahead (a jump), and Redis's clock is the reference for what is due. The job's last enqueued
/// occurrence advances before the claim is checked, so an occurrence suppressed as a duplicate (a one-shot redefined
/// within the claim's lifetime) is remembered after its claim expires. With the overlap policy Skip, an occurrence of
/// a job that still has a run queued or running is recorded as skipped instead, and becomes the job's latest missed
/// occurrence (reason 'overlap') unless a later one is already recorded.
/// </summary>
internal static class EnqueueScript
{
    /// <summary>The script. Its first lines name every key and argument, in the order <see cref="Args"/> passes them.</summary>
    public const string Lua = """
        local claim_key, queue_key, last_enqueued_key, active_key, history_key, counts_key, jobs_key, due_key, missed_key, queues_key =
          KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[6], KEYS[7], KEYS[8], KEYS[9], KEYS[10]
        local run, claim_ttl_ms, job_id, occurrence_ms, wake_channel, queue_name, overlap, skipped_entry, history_limit, next_due_ms, max_skew_ms =
          ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6], ARGV[7], ARGV[8], ARGV[9], ARGV[10], ARGV[11]
        if occurrence_ms ~= '' then
          local now = redis.call('TIME')
          if tonumber(occurrence_ms) > tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000) + tonumber(max_skew_ms) then
            return 3
          end
        end
        if next_due_ms == '-' then
          redis.call('ZREM', due_key, job_id)
        elseif next_due_ms ~= '' then
          redis.call('ZADD', due_key, next_due_ms, job_id)
        end
        if occurrence_ms ~= '' then
          local last = redis.call('HGET', last_enqueued_key, job_id)
          if not last or tonumber(occurrence_ms) > tonumber(last) then
            redis.call('HSET', last_enqueued_key, job_id, occurrence_ms)
          end
        end
        if redis.call('SET', claim_key, '1', 'NX', 'PX', claim_ttl_ms) == false then
          return 0
        end
        if overlap == 'skip' and tonumber(redis.call('HGET', active_key, job_id) or '0') > 0 then
          if redis.call('ZSCORE', jobs_key, job_id) then
            redis.call('LPUSH', history_key, skipped_entry)
            redis.call('LTRIM', history_key, 0, tonumber(history_limit) - 1)
            redis.call('HINCRBY', counts_key, 'Skipped', 1)
            local missed = redis.call('HGET', missed_key, 'at')
            if occurrence_ms ~= '' and (not missed or tonumber(occurrence_ms) >= tonumber(missed)) then
              redis.call('HSET', missed_key, 'at', occurrence_ms, 'reason', 'overlap')
            end
          end
          return 2
        end
        redis.call('LPUSH', queue_key, run)
        redis.call('HINCRBY', active_key, job_id, 1)
        redis.call('SADD', queues_key, queue_name)
        redis.call('PUBLISH', wake_channel, queue_name)
        return 1
        """;

    /// <summary>The script's keys and arguments, by the names the script gives them.</summary>
    /// <param name="ClaimKey">KEYS: the occurrence's claim.</param>
    /// <param name="QueueKey">KEYS: the queue the run goes to.</param>
    /// <param name="LastEnqueuedKey">KEYS: each job's last enqueued occurrence.</param>
    /// <param name="ActiveKey">KEYS: each job's runs queued or running.</param>
    /// <param name="HistoryKey">KEYS: the job's history.</param>
    /// <param name="CountsKey">KEYS: the job's counts.</param>
    /// <param name="JobsKey">KEYS: the jobs index (history is written only for a listed job).</param>
    /// <param name="DueKey">KEYS: the due index.</param>
    /// <param name="MissedKey">KEYS: the job's latest missed occurrence.</param>
    /// <param name="QueuesKey">KEYS: every queue a run was pushed to.</param>
    /// <param name="Run">ARGV: the run (JSON).</param>
    /// <param name="ClaimTtlMs">ARGV: how long the claim lasts, ms.</param>
    /// <param name="JobId">ARGV: the job.</param>
    /// <param name="OccurrenceMs">ARGV: the occurrence, Unix ms; empty for a triggered run.</param>
    /// <param name="WakeChannel">ARGV: the channel that wakes the fetchers.</param>
    /// <param name="QueueName">ARGV: the queue's name.</param>
    /// <param name="Overlap">ARGV: <c>skip</c> with the overlap policy Skip, else empty.</param>
    /// <param name="SkippedEntry">ARGV: the history entry (JSON) recorded when the overlap policy skips the occurrence.</param>
    /// <param name="HistoryLimit">ARGV: how many history entries a job keeps.</param>
    /// <param name="NextDueMs">ARGV: the job's next due time after this occurrence, Unix ms; empty to leave the due index alone, <c>-</c> for none.</param>
    /// <param name="MaxSkewMs">ARGV: the most the occurrence may be ahead of Redis's clock, ms.</param>
    public readonly record struct Args(
        RedisKey ClaimKey,
        RedisKey QueueKey,
        RedisKey LastEnqueuedKey,
        RedisKey ActiveKey,
        RedisKey HistoryKey,
        RedisKey CountsKey,
        RedisKey JobsKey,
        RedisKey DueKey,
        RedisKey MissedKey,
        RedisKey QueuesKey,
        RedisValue Run,
        long ClaimTtlMs,
        RedisValue JobId,
        RedisValue OccurrenceMs,
        RedisValue WakeChannel,
        RedisValue QueueName,
        RedisValue Overlap,
        RedisValue SkippedEntry,
        int HistoryLimit,
        RedisValue NextDueMs,
        long MaxSkewMs)
    {
        /// <summary>The keys, in the script's order.</summary>
        public RedisKey[] Keys() => [ClaimKey, QueueKey, LastEnqueuedKey, ActiveKey, HistoryKey, CountsKey, JobsKey, DueKey, MissedKey, QueuesKey];

        /// <summary>The arguments, in the script's order.</summary>
        public RedisValue[] Values() => [Run, ClaimTtlMs, JobId, OccurrenceMs, WakeChannel, QueueName, Overlap, SkippedEntry, HistoryLimit, NextDueMs, MaxSkewMs];
    }

    /// <summary>Runs the script.</summary>
    public static async Task<EnqueueResult> EvaluateAsync(IDatabaseAsync db, Args args) =>
        (EnqueueResult)(int)(long)await db.ScriptEvaluateAsync(Lua, args.Keys(), args.Values()).ConfigureAwait(false);
}
