using System.Text.Json;
using Microsoft.Extensions.Options;
using OrleansScheduler.Execution;
using OrleansScheduler.Hosting;
using OrleansScheduler.Redis;
using OrleansScheduler.Redis.Scripts;
using StackExchange.Redis;

namespace OrleansScheduler.Settlement;

/// <summary>Writes a settled attempt to Redis in one step (<see cref="SettleScript"/>).</summary>
internal sealed class SettlementStore(SchedulerRedisConnection connection, SchedulerKeys keys, ProcessingList list, IOptions<JobSchedulerOptions> options)
{
    private readonly int _historyLimit = options.Value.HistoryLimit;
    private readonly int _deadLetterLimit = options.Value.DeadLetterLimit;
    private readonly long _deadLetterRetentionMs = (long)options.Value.DeadLetterRetention.TotalMilliseconds;

    /// <summary>
    /// Settles an attempt: out of this silo's processing list, outcome into history, run on to done, retry or dead
    /// letters (which are then trimmed to <see cref="JobSchedulerOptions.DeadLetterLimit"/> and
    /// <see cref="JobSchedulerOptions.DeadLetterRetention"/>). Writes nothing when this silo no longer owns the run.
    /// </summary>
    /// <returns>Whether this silo still owned the run, and how many dead letters the trim dropped.</returns>
    public async Task<(bool Owned, long DeadLettersDropped)> SettleAsync(RedisValue raw, HistoryEntry entry, RunDisposition disposition, RunMessage? retry, DateTimeOffset retryDue, DeadLetterEntry? dead)
    {
        var db = await connection.GetDatabaseAsync().ConfigureAwait(false);
        return await SettleScript.EvaluateAsync(db, new SettleScript.Args(
            ProcessingKey: list.Key,
            HistoryKey: keys.History(entry.JobId),
            CountsKey: keys.Counts(entry.JobId),
            JobsKey: keys.Jobs,
            ActiveKey: keys.Active,
            RetryKey: keys.Retry,
            DeadLettersKey: keys.DeadLetters,
            DeadLetterIndexKey: keys.DeadLetterIndex,
            Run: raw,
            HistoryEntry: JsonSerializer.Serialize(entry, RunJsonContext.Default.HistoryEntry),
            Status: entry.Status.ToString(),
            HistoryLimit: _historyLimit,
            JobId: entry.JobId,
            Disposition: disposition switch { RunDisposition.Retry => "retry", RunDisposition.DeadLetter => "dead", _ => "done" },
            NextAttempt: retry is null ? "" : JsonSerializer.Serialize(retry, RunJsonContext.Default.RunMessage),
            RetryDueMs: retryDue.ToUnixTimeMilliseconds(),
            RunId: entry.RunId,
            DeadLetter: dead is null ? "" : JsonSerializer.Serialize(dead, RunJsonContext.Default.DeadLetterEntry),
            DeadAtMs: dead?.DeadAt ?? 0,
            DeadLetterLimit: _deadLetterLimit,
            OldestKeptMs: dead is null ? 0 : dead.DeadAt - _deadLetterRetentionMs)).ConfigureAwait(false);
    }
}
