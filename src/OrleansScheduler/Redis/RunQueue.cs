using System.Text.Json;
using Microsoft.Extensions.Options;
using OrleansScheduler.Hosting;
using OrleansScheduler.Runs;
using StackExchange.Redis;

namespace OrleansScheduler.Redis;

/// <summary>
/// The Redis side of a run's life: enqueue (exactly once per occurrence), fetch into a silo's processing list,
/// acknowledge. Each multi-step change is one Lua script, so Redis applies it whole or not at all.
/// </summary>
internal sealed class RunQueue(SchedulerRedisConnection connection, SchedulerKeys keys, IOptions<JobSchedulerOptions> options)
{
    // Claims the occurrence and pushes the run in one step: a retried call, a duplicate activation or a crash
    // between push and grain bookkeeping finds the claim taken and pushes nothing. Exactly one enqueue holds here.
    private const string EnqueueScript = """
        if redis.call('SET', KEYS[1], '1', 'NX', 'PX', ARGV[2]) == false then
          return 0
        end
        redis.call('LPUSH', KEYS[2], ARGV[1])
        if ARGV[4] ~= '' then
          local last = tonumber(redis.call('HGET', KEYS[3], ARGV[3]) or '-1')
          if tonumber(ARGV[4]) > last then
            redis.call('HSET', KEYS[3], ARGV[3], ARGV[4])
          end
        end
        redis.call('PUBLISH', ARGV[5], ARGV[6])
        return 1
        """;

    // Removes the run from the silo's processing list and records its outcome together, so a run is either still
    // owed (and recoverable) or recorded, never both and never neither. History is kept only for jobs that exist.
    private const string AckScript = """
        if ARGV[1] ~= '' then
          redis.call('LREM', KEYS[1], 1, ARGV[1])
        end
        if redis.call('ZSCORE', KEYS[4], ARGV[5]) then
          redis.call('LPUSH', KEYS[2], ARGV[2])
          redis.call('LTRIM', KEYS[2], 0, tonumber(ARGV[4]) - 1)
          redis.call('HINCRBY', KEYS[3], ARGV[3], 1)
        end
        return 1
        """;

    private readonly long _claimTtlMs = (long)options.Value.OccurrenceClaimTtl.TotalMilliseconds;
    private readonly int _historyLimit = options.Value.HistoryLimit;

    public SchedulerKeys Keys => keys;

    /// <summary>Pushes a run unless its occurrence was already claimed.</summary>
    /// <param name="message">The run.</param>
    /// <param name="scheduled">True for a scheduled occurrence, whose nominal time becomes the job's last enqueued.</param>
    /// <returns>True when this call pushed it; false when it had been pushed before.</returns>
    public async Task<bool> EnqueueAsync(RunMessage message, bool scheduled)
    {
        var db = await connection.GetDatabaseAsync().ConfigureAwait(false);
        var result = await db.ScriptEvaluateAsync(
            EnqueueScript,
            [keys.Occurrence(message.RunId), keys.Queue(message.Queue), keys.LastEnqueued],
            [
                JsonSerializer.Serialize(message, RunJsonContext.Default.RunMessage),
                _claimTtlMs,
                message.JobId,
                scheduled ? message.Occurrence : RedisValue.EmptyString,
                (RedisValue)keys.WakeChannel.ToString(),
                message.Queue,
            ]).ConfigureAwait(false);
        return (long)result == 1;
    }

    /// <summary>Moves the oldest run of a queue into the silo's processing list; null when the queue is empty.</summary>
    /// <remarks>LMOVE, never a pop: until acknowledged, the run stays in Redis and is recoverable if this silo dies.</remarks>
    public async Task<RedisValue> TryFetchAsync(string queue, RedisKey processing)
    {
        var db = await connection.GetDatabaseAsync().ConfigureAwait(false);
        return await db.ListMoveAsync(keys.Queue(queue), processing, ListSide.Right, ListSide.Left).ConfigureAwait(false);
    }

    /// <summary>Acknowledges a run: removes it from processing and records the outcome in the job's history.</summary>
    public async Task AckAsync(RedisKey processing, RedisValue raw, HistoryEntry entry)
    {
        var db = await connection.GetDatabaseAsync().ConfigureAwait(false);
        await db.ScriptEvaluateAsync(
            AckScript,
            [processing, keys.History(entry.JobId), keys.Counts(entry.JobId), keys.Jobs],
            [
                raw.IsNull ? RedisValue.EmptyString : raw,
                JsonSerializer.Serialize(entry, RunJsonContext.Default.HistoryEntry),
                entry.Status.ToString(),
                _historyLimit,
                entry.JobId,
            ]).ConfigureAwait(false);
    }

    /// <summary>Records an entry that belongs to no fetched run, e.g. a skipped occurrence.</summary>
    public Task RecordAsync(HistoryEntry entry) => AckAsync(keys.Processing("-"), RedisValue.Null, entry);

    public static RunMessage? Deserialize(RedisValue raw) =>
        JsonSerializer.Deserialize((string)raw!, RunJsonContext.Default.RunMessage);
}
