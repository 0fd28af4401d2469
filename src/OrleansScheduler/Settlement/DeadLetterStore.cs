using System.Text.Json;
using OrleansScheduler.Redis;
using OrleansScheduler.Redis.Scripts;
using StackExchange.Redis;

namespace OrleansScheduler.Settlement;

/// <summary>The dead letters: read, requeued by an operator, and trimmed to their limit and retention.</summary>
internal sealed class DeadLetterStore(SchedulerRedisConnection connection, SchedulerKeys keys)
{
    /// <summary>The newest <paramref name="limit"/> dead letters, newest first.</summary>
    public async Task<IReadOnlyList<DeadLetter>> GetAsync(int limit)
    {
        var db = await connection.GetDatabaseAsync().ConfigureAwait(false);
        var ids = await db.SortedSetRangeByRankAsync(keys.DeadLetterIndex, 0, limit - 1, Order.Descending).ConfigureAwait(false);
        if (ids.Length == 0)
        {
            return [];
        }

        var values = await db.HashGetAsync(keys.DeadLetters, ids).ConfigureAwait(false);
        return [.. values.Where(v => !v.IsNull).Select(v => JsonSerializer.Deserialize((string)v!, RunJsonContext.Default.DeadLetterEntry)!.ToDeadLetter())];
    }

    /// <summary>Puts a dead letter back on its queue as attempt 1 (<see cref="RequeueScript"/>); false when there is no such dead letter.</summary>
    /// <exception cref="JobValidationException">The entry is not a readable dead letter; it is left as it is.</exception>
    public async Task<bool> RequeueAsync(string runId)
    {
        var db = await connection.GetDatabaseAsync().ConfigureAwait(false);
        var result = await RequeueScript.EvaluateAsync(db, new RequeueScript.Args(
            DeadLettersKey: keys.DeadLetters,
            DeadLetterIndexKey: keys.DeadLetterIndex,
            ActiveKey: keys.Active,
            RunId: runId,
            QueuePrefix: keys.QueuePrefix,
            WakeChannel: keys.WakeChannel)).ConfigureAwait(false);
        return result < 0 ? throw new JobValidationException([$"runId: the dead letter \"{runId}\" is not readable; it was left as it is"]) : result == 1;
    }

    /// <summary>
    /// Drops dead letters beyond <paramref name="limit"/> or older than <paramref name="oldestKept"/>, at most
    /// <see cref="TrimDeadLettersScript.Batch"/> a call; returns how many.
    /// </summary>
    public async Task<long> TrimAsync(int limit, DateTimeOffset oldestKept)
    {
        var db = await connection.GetDatabaseAsync().ConfigureAwait(false);
        return await TrimDeadLettersScript.EvaluateAsync(db, new TrimDeadLettersScript.Args(
            DeadLettersKey: keys.DeadLetters,
            DeadLetterIndexKey: keys.DeadLetterIndex,
            Limit: limit,
            OldestKeptMs: oldestKept.ToUnixTimeMilliseconds())).ConfigureAwait(false);
    }
}
