using System.Text.Json;
using OrleansScheduler.Redis;
using StackExchange.Redis;

namespace OrleansScheduler.Settlement;

/// <summary>A job's record of settled attempts and skipped occurrences: its capped history, its counts per status and its latest missed occurrence.</summary>
internal sealed class JobHistory(SchedulerRedisConnection connection, SchedulerKeys keys)
{
    /// <summary>Reads the latest history entry, the counts and the latest missed occurrence in one round trip.</summary>
    public async Task<(RunRecord? LastRun, RunCounts Counts, MissedRun? LastMissed)> GetSummaryAsync(string jobId)
    {
        var db = await connection.GetDatabaseAsync().ConfigureAwait(false);
        var batch = db.CreateBatch();
        var last = batch.ListGetByIndexAsync(keys.History(jobId), 0);
        var counts = batch.HashGetAllAsync(keys.Counts(jobId));
        var missed = batch.HashGetAllAsync(keys.Missed(jobId));
        batch.Execute();
        var lastValue = await last.ConfigureAwait(false);
        return (
            lastValue.IsNull ? null : Parse(lastValue),
            ParseCounts(await counts.ConfigureAwait(false)),
            ParseMissed(await missed.ConfigureAwait(false)));
    }

    /// <summary>The counts hash as run counts; fields that are not a status count are ignored, so a later version may add some.</summary>
    internal static RunCounts ParseCounts(HashEntry[] entries)
    {
        var values = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            if (entry.Value.TryParse(out long count))
            {
                values[(string)entry.Name!] = count;
            }
        }

        return new RunCounts
        {
            Succeeded = values.GetValueOrDefault(nameof(RunStatus.Succeeded)),
            Failed = values.GetValueOrDefault(nameof(RunStatus.Failed)),
            Skipped = values.GetValueOrDefault(nameof(RunStatus.Skipped)),
            DeadLettered = values.GetValueOrDefault(nameof(RunStatus.DeadLettered)),
        };
    }

    /// <summary>The missed hash as the latest missed occurrence; null when there is none or it is unreadable.</summary>
    internal static MissedRun? ParseMissed(HashEntry[] entries)
    {
        var at = entries.FirstOrDefault(e => e.Name == "at").Value;
        var reason = entries.FirstOrDefault(e => e.Name == "reason").Value;
        return at.TryParse(out long ms) && !reason.IsNullOrEmpty
            ? new MissedRun { Occurrence = DateTimeOffset.FromUnixTimeMilliseconds(ms), Reason = (string)reason! }
            : null;
    }

    public async Task<IReadOnlyList<RunRecord>> GetHistoryAsync(string jobId, int limit)
    {
        var db = await connection.GetDatabaseAsync().ConfigureAwait(false);
        var values = await db.ListRangeAsync(keys.History(jobId), 0, limit - 1).ConfigureAwait(false);
        return [.. values.Select(Parse)];
    }

    private static RunRecord Parse(RedisValue value) =>
        JsonSerializer.Deserialize((string)value!, RunJsonContext.Default.HistoryEntry)!.ToRecord();
}
