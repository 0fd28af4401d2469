using System.Text.Json;
using Microsoft.Extensions.Options;
using OrleansScheduler.Hosting;
using OrleansScheduler.Runs;
using StackExchange.Redis;

namespace OrleansScheduler.Redis;

/// <summary>
/// The Redis side of a run's life: enqueue (exactly once per occurrence), fetch into a silo's processing list,
/// settle (done, retry or dead letter). Every multi-step change is one script of <see cref="RunScripts"/>.
/// </summary>
internal sealed class RunQueue(SchedulerRedisConnection connection, SchedulerKeys keys, IOptions<JobSchedulerOptions> options)
{
    private readonly long _claimTtlMs = (long)options.Value.OccurrenceClaimTtl.TotalMilliseconds;
    private readonly int _historyLimit = options.Value.HistoryLimit;

    public SchedulerKeys Keys => keys;

    /// <summary>Pushes a run unless its occurrence was already claimed (or, with overlap Skip, a run of the job is active).</summary>
    /// <param name="message">The run.</param>
    /// <param name="scheduled">True for a scheduled occurrence, whose nominal time becomes the job's last enqueued.</param>
    /// <param name="skipIfActive">The job's overlap policy is Skip.</param>
    /// <param name="nextDue">For a scheduled occurrence, the job's next due time after it (null: none), kept in the due index.</param>
    public async Task<EnqueueResult> EnqueueAsync(RunMessage message, bool scheduled, bool skipIfActive, DateTimeOffset? nextDue = null)
    {
        var db = await connection.GetDatabaseAsync().ConfigureAwait(false);
        var skipped = skipIfActive
            ? Serialize(new HistoryEntry
            {
                RunId = message.RunId,
                JobId = message.JobId,
                Occurrence = message.Occurrence,
                Attempt = 0,
                Status = RunStatus.Skipped,
                Error = "the previous run was still queued or running (overlap policy Skip)",
            })
            : "";
        var result = await db.ScriptEvaluateAsync(
            RunScripts.Enqueue,
            [keys.Occurrence(message.RunId), keys.Queue(message.Queue), keys.LastEnqueued, keys.Active, keys.History(message.JobId), keys.Counts(message.JobId), keys.Jobs, keys.Due, keys.Missed(message.JobId)],
            [
                JsonSerializer.Serialize(message, RunJsonContext.Default.RunMessage),
                _claimTtlMs,
                message.JobId,
                scheduled ? message.Occurrence : RedisValue.EmptyString,
                keys.WakeChannel.ToString(),
                message.Queue,
                skipIfActive ? "skip" : "",
                skipped,
                _historyLimit,
                !scheduled ? RedisValue.EmptyString : nextDue is { } next ? next.ToUnixTimeMilliseconds() : "-",
            ]).ConfigureAwait(false);
        return (EnqueueResult)(int)(long)result;
    }

    /// <summary>Moves up to <paramref name="count"/> of the oldest runs of a queue into the silo's processing list; empty when the queue is.</summary>
    /// <remarks>One round trip for the whole batch (<see cref="RunScripts.Fetch"/>): a burst drains at Redis's pace, not at one round trip per run.</remarks>
    public async Task<RedisValue[]> FetchAsync(string queue, RedisKey processing, int count)
    {
        var db = await connection.GetDatabaseAsync().ConfigureAwait(false);
        var result = await db.ScriptEvaluateAsync(RunScripts.Fetch, [keys.Queue(queue), processing], [count]).ConfigureAwait(false);
        return (RedisValue[])result!;
    }

    /// <summary>Settles an attempt: out of processing, outcome into history, run on to done, retry or dead letters.</summary>
    /// <returns>True when this silo still owned the run.</returns>
    public async Task<bool> CompleteAsync(RedisKey processing, RedisValue raw, HistoryEntry entry, RunDisposition disposition, RunMessage? retry, DateTimeOffset retryDue, DeadLetterEntry? dead)
    {
        var db = await connection.GetDatabaseAsync().ConfigureAwait(false);
        var result = await db.ScriptEvaluateAsync(
            RunScripts.Complete,
            [processing, keys.History(entry.JobId), keys.Counts(entry.JobId), keys.Jobs, keys.Active, keys.Retry, keys.DeadLetters, keys.DeadLetterIndex],
            [
                raw,
                Serialize(entry),
                entry.Status.ToString(),
                _historyLimit,
                entry.JobId,
                disposition switch { RunDisposition.Retry => "retry", RunDisposition.Dead => "dead", _ => "done" },
                retry is null ? "" : JsonSerializer.Serialize(retry, RunJsonContext.Default.RunMessage),
                retryDue.ToUnixTimeMilliseconds(),
                entry.RunId,
                dead is null ? "" : JsonSerializer.Serialize(dead, RunJsonContext.Default.DeadLetterEntry),
                dead?.DeadAt ?? 0,
            ]).ConfigureAwait(false);
        return (long)result == 1;
    }

    /// <summary>
    /// Records entries that belong to no fetched run (skipped occurrences), oldest first, counting <paramref name="count"/>,
    /// records <paramref name="missed"/> as the job's latest missed occurrence when given, and advances the job's last
    /// enqueued occurrence to <paramref name="advanceTo"/> when given.
    /// </summary>
    public async Task RecordAsync(string jobId, IReadOnlyList<HistoryEntry> entries, RunStatus status, long count, DateTimeOffset? advanceTo, MissedRun? missed)
    {
        var db = await connection.GetDatabaseAsync().ConfigureAwait(false);
        var args = new List<RedisValue>(entries.Count + 7)
        {
            jobId,
            _historyLimit,
            status.ToString(),
            count,
            advanceTo is { } instant ? instant.ToUnixTimeMilliseconds() : RedisValue.EmptyString,
            missed is null ? RedisValue.EmptyString : missed.Occurrence.ToUnixTimeMilliseconds(),
            missed?.Reason ?? "",
        };
        args.AddRange(entries.Select(e => (RedisValue)Serialize(e)));
        await db.ScriptEvaluateAsync(RunScripts.Record, [keys.History(jobId), keys.Counts(jobId), keys.Jobs, keys.LastEnqueued, keys.Missed(jobId)], [.. args]).ConfigureAwait(false);
    }

    /// <summary>Drops an entry from a processing list without settling anything (an unreadable entry).</summary>
    public async Task DropAsync(RedisKey processing, RedisValue raw)
    {
        var db = await connection.GetDatabaseAsync().ConfigureAwait(false);
        await db.ListRemoveAsync(processing, raw, 1).ConfigureAwait(false);
    }

    public static RunMessage? Deserialize(RedisValue raw) =>
        JsonSerializer.Deserialize((string)raw!, RunJsonContext.Default.RunMessage);

    private static string Serialize(HistoryEntry entry) => JsonSerializer.Serialize(entry, RunJsonContext.Default.HistoryEntry);
}
