using System.Text.Json;
using Microsoft.Extensions.Options;
using OrleansScheduler.Firing;
using OrleansScheduler.Hosting;
using OrleansScheduler.Settlement;
using StackExchange.Redis;

namespace OrleansScheduler.Redis;

/// <summary>
/// The Redis side of a run's life: enqueue (exactly once per occurrence), fetch into a silo's processing list,
/// settle (done, retry or dead letter). Every multi-step change is one script of <see cref="RunScripts"/>.
/// </summary>
internal sealed class RunQueue(SchedulerRedisConnection connection, SchedulerKeys keys, IOptions<JobSchedulerOptions> options)
{
    private readonly long _claimTtlMs = (long)options.Value.OccurrenceClaimTtl.TotalMilliseconds;
    private readonly long _maxClockSkewMs = (long)options.Value.MaxClockSkew.TotalMilliseconds;
    private readonly int _historyLimit = options.Value.HistoryLimit;
    private readonly int _deadLetterLimit = options.Value.DeadLetterLimit;
    private readonly TimeSpan _deadLetterRetention = options.Value.DeadLetterRetention;

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
            [keys.Occurrence(message.RunId), keys.Queue(message.Queue), keys.LastEnqueued, keys.Active, keys.History(message.JobId), keys.Counts(message.JobId), keys.Jobs, keys.Due, keys.Missed(message.JobId), keys.Queues],
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
                _maxClockSkewMs,
            ]).ConfigureAwait(false);
        return (EnqueueResult)(int)(long)result;
    }

    /// <summary>
    /// Moves up to <paramref name="count"/> of the oldest runs of a queue into the silo's processing list, registering
    /// the list (under <paramref name="clusterId"/>) when it receives any; empty when the queue is.
    /// </summary>
    /// <remarks>One round trip for the whole batch (<see cref="RunScripts.Fetch"/>): a burst drains at Redis's pace, not at one round trip per run.</remarks>
    public async Task<RedisValue[]> FetchAsync(string queue, string silo, string clusterId, int count)
    {
        var db = await connection.GetDatabaseAsync().ConfigureAwait(false);
        var result = await db.ScriptEvaluateAsync(RunScripts.Fetch, [keys.Queue(queue), keys.Processing(silo), keys.ProcessingLists], [count, silo, clusterId]).ConfigureAwait(false);
        return (RedisValue[])result!;
    }

    /// <summary>
    /// Settles an attempt: out of processing, outcome into history, run on to done, retry or dead letters (which are
    /// then trimmed to <see cref="JobSchedulerOptions.DeadLetterLimit"/> and <see cref="JobSchedulerOptions.DeadLetterRetention"/>).
    /// </summary>
    /// <returns>Whether this silo still owned the run, and how many dead letters the trim dropped.</returns>
    public async Task<(bool Owned, long DeadLettersDropped)> CompleteAsync(RedisKey processing, RedisValue raw, HistoryEntry entry, RunDisposition disposition, RunMessage? retry, DateTimeOffset retryDue, DeadLetterEntry? dead)
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
                _deadLetterLimit,
                dead is null ? 0 : dead.DeadAt - (long)_deadLetterRetention.TotalMilliseconds,
            ]).ConfigureAwait(false);
        var values = (RedisResult[])result!;
        return ((long)values[0] == 1, (long)values[1]);
    }

    /// <summary>
    /// Records skipped occurrences, each at most once (<see cref="RunScripts.Record"/>): only those later than the job's
    /// last enqueued occurrence in Redis whose claim was free, so a retry or a stale activation records nothing twice.
    /// Makes the latest recorded one the job's latest missed occurrence (with <paramref name="reason"/>), and advances the
    /// job's last enqueued occurrence to <paramref name="advanceTo"/> when given.
    /// </summary>
    /// <returns>How many occurrences were recorded; <see cref="RecordResult.ClockAhead"/> when Redis refused them all because they are later than its clock allows.</returns>
    public async Task<RecordResult> RecordAsync(string jobId, IReadOnlyList<SkippedOccurrence> skipped, DateTimeOffset? advanceTo, string reason)
    {
        var db = await connection.GetDatabaseAsync().ConfigureAwait(false);
        var args = new List<RedisValue>(7 + (3 * skipped.Count))
        {
            jobId,
            _historyLimit,
            _claimTtlMs,
            advanceTo is { } instant ? instant.ToUnixTimeMilliseconds() : RedisValue.EmptyString,
            reason,
            _maxClockSkewMs,
            nameof(RunStatus.Skipped),
        };
        var scriptKeys = new List<RedisKey>(5 + skipped.Count) { keys.History(jobId), keys.Counts(jobId), keys.Jobs, keys.LastEnqueued, keys.Missed(jobId) };
        foreach (var occurrence in skipped)
        {
            scriptKeys.Add(keys.Occurrence(occurrence.Entry.RunId));
            args.Add(occurrence.Covers.ToUnixTimeMilliseconds());
            args.Add(occurrence.Count);
            args.Add(Serialize(occurrence.Entry));
        }

        var recorded = (long)await db.ScriptEvaluateAsync(RunScripts.Record, [.. scriptKeys], [.. args]).ConfigureAwait(false);
        return recorded < 0 ? RecordResult.ClockAhead : new RecordResult(recorded);
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
