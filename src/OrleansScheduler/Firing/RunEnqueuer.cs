using System.Text.Json;
using Microsoft.Extensions.Options;
using OrleansScheduler.Hosting;
using OrleansScheduler.Redis;
using OrleansScheduler.Redis.Scripts;
using StackExchange.Redis;

namespace OrleansScheduler.Firing;

/// <summary>
/// What firing writes to Redis: a run enqueued exactly once per occurrence (<see cref="EnqueueScript"/>), and skipped
/// occurrences recorded exactly once (<see cref="RecordSkippedScript"/>).
/// </summary>
internal sealed class RunEnqueuer(SchedulerRedisConnection connection, SchedulerKeys keys, IOptions<JobSchedulerOptions> options)
{
    private readonly long _claimTtlMs = (long)options.Value.OccurrenceClaimTtl.TotalMilliseconds;
    private readonly long _maxClockSkewMs = (long)options.Value.MaxClockSkew.TotalMilliseconds;
    private readonly int _historyLimit = options.Value.HistoryLimit;

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
        return await EnqueueScript.EvaluateAsync(db, new EnqueueScript.Args(
            ClaimKey: keys.Occurrence(message.RunId),
            QueueKey: keys.Queue(message.Queue),
            LastEnqueuedKey: keys.LastEnqueued,
            ActiveKey: keys.Active,
            HistoryKey: keys.History(message.JobId),
            CountsKey: keys.Counts(message.JobId),
            JobsKey: keys.Jobs,
            DueKey: keys.Due,
            MissedKey: keys.Missed(message.JobId),
            QueuesKey: keys.Queues,
            Run: JsonSerializer.Serialize(message, RunJsonContext.Default.RunMessage),
            ClaimTtlMs: _claimTtlMs,
            JobId: message.JobId,
            OccurrenceMs: scheduled ? message.Occurrence : RedisValue.EmptyString,
            WakeChannel: keys.WakeChannel,
            QueueName: message.Queue,
            Overlap: skipIfActive ? "skip" : "",
            SkippedEntry: skipped,
            HistoryLimit: _historyLimit,
            NextDueMs: !scheduled ? RedisValue.EmptyString : nextDue is { } next ? next.ToUnixTimeMilliseconds() : "-",
            MaxSkewMs: _maxClockSkewMs)).ConfigureAwait(false);
    }

    /// <summary>
    /// Records skipped occurrences, each at most once: only those later than the job's last enqueued occurrence in Redis
    /// whose claim was free, so a retry or a stale activation records nothing twice. Makes the latest recorded one the
    /// job's latest missed occurrence (with <paramref name="reason"/>), and advances the job's last enqueued occurrence to
    /// <paramref name="advanceTo"/> when given.
    /// </summary>
    /// <returns>How many occurrences were recorded; <see cref="RecordResult.ClockAhead"/> when Redis refused them all because they are later than its clock allows.</returns>
    public async Task<RecordResult> RecordSkippedAsync(string jobId, IReadOnlyList<SkippedOccurrence> skipped, DateTimeOffset? advanceTo, string reason)
    {
        var db = await connection.GetDatabaseAsync().ConfigureAwait(false);
        var recorded = await RecordSkippedScript.EvaluateAsync(db, new RecordSkippedScript.Args(
            HistoryKey: keys.History(jobId),
            CountsKey: keys.Counts(jobId),
            JobsKey: keys.Jobs,
            LastEnqueuedKey: keys.LastEnqueued,
            MissedKey: keys.Missed(jobId),
            JobId: jobId,
            HistoryLimit: _historyLimit,
            ClaimTtlMs: _claimTtlMs,
            AdvanceToMs: advanceTo is { } instant ? instant.ToUnixTimeMilliseconds() : RedisValue.EmptyString,
            MissedReason: reason,
            MaxSkewMs: _maxClockSkewMs,
            Status: nameof(RunStatus.Skipped),
            Entries: [.. skipped.Select(s => new RecordSkippedScript.Entry(keys.Occurrence(s.Entry.RunId), s.Covers.ToUnixTimeMilliseconds(), s.Count, Serialize(s.Entry)))])).ConfigureAwait(false);
        return recorded < 0 ? RecordResult.ClockAhead : new RecordResult(recorded);
    }

    private static string Serialize(HistoryEntry entry) => JsonSerializer.Serialize(entry, RunJsonContext.Default.HistoryEntry);
}
