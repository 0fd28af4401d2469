using OrleansScheduler.Firing;
using OrleansScheduler.Redis;
using OrleansScheduler.Redis.Scripts;
using StackExchange.Redis;

namespace OrleansScheduler.Scheduling;

/// <summary>
/// The indexes Redis keeps of the jobs beside their grain state: the jobs index (every job id), the due index (each
/// job's next due time, for the overdue sweeps) and each job's last enqueued occurrence.
/// </summary>
internal sealed class JobIndex(SchedulerRedisConnection connection, SchedulerKeys keys)
{
    /// <summary>
    /// Starts the records of a new schedule in one round trip: forgets the last enqueued occurrence (a new schedule starts
    /// a new sequence; claims already made still stop duplicates), lists the job in the jobs index and sets its due entry.
    /// </summary>
    public async Task StartDefinitionAsync(string jobId, DateTimeOffset? due)
    {
        var db = await connection.GetDatabaseAsync().ConfigureAwait(false);
        var batch = db.CreateBatch();
        var reset = batch.HashDeleteAsync(keys.LastEnqueued, jobId);
        var index = batch.SortedSetAddAsync(keys.Jobs, jobId, 0);
        var dueEntry = due is { } value ? batch.SortedSetAddAsync(keys.Due, jobId, value.ToUnixTimeMilliseconds()) : batch.SortedSetRemoveAsync(keys.Due, jobId);
        batch.Execute();
        await Task.WhenAll(reset, index, dueEntry).ConfigureAwait(false);
    }

    public async Task AddToIndexAsync(string jobId)
    {
        var db = await connection.GetDatabaseAsync().ConfigureAwait(false);
        await db.SortedSetAddAsync(keys.Jobs, jobId, 0).ConfigureAwait(false);
    }

    /// <summary>Job ids after <paramref name="after"/> (exclusive) in ordinal order: the index has score 0, so it pages by value.</summary>
    public async Task<IReadOnlyList<string>> GetJobIdsAsync(string? after, int limit)
    {
        var db = await connection.GetDatabaseAsync().ConfigureAwait(false);
        var ids = await db.SortedSetRangeByValueAsync(keys.Jobs, after is null ? default : (RedisValue)after, default, after is null ? Exclude.None : Exclude.Start, Order.Ascending, 0, limit).ConfigureAwait(false);
        return [.. ids.Select(id => (string)id!)];
    }

    /// <summary>Sets (or, for null, removes) the job's entry in the due index.</summary>
    public async Task SetDueAsync(string jobId, DateTimeOffset? due)
    {
        var db = await connection.GetDatabaseAsync().ConfigureAwait(false);
        if (due is { } value)
        {
            await db.SortedSetAddAsync(keys.Due, jobId, value.ToUnixTimeMilliseconds()).ConfigureAwait(false);
        }
        else
        {
            await db.SortedSetRemoveAsync(keys.Due, jobId).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// One page of the jobs due no later than <paramref name="dueBy"/>, earliest first, strictly after
    /// <paramref name="after"/> (null for the first page): pass the last entry of a page to get the next. Paged by
    /// position from that entry (<see cref="DuePageScript"/>), so jobs woken meanwhile, whose due time moves on,
    /// make no other job be skipped.
    /// </summary>
    public async Task<IReadOnlyList<DueEntry>> GetDuePageAsync(DateTimeOffset dueBy, int limit, DueEntry? after)
    {
        var db = await connection.GetDatabaseAsync().ConfigureAwait(false);
        var result = await DuePageScript.EvaluateAsync(db, new DuePageScript.Args(
            DueKey: keys.Due,
            MaxScore: dueBy.ToUnixTimeMilliseconds(),
            PageSize: limit,
            AfterMember: after?.JobId ?? RedisValue.EmptyString,
            AfterScore: after?.Score ?? RedisValue.EmptyString)).ConfigureAwait(false);
        var page = new List<DueEntry>(result.Length / 2);
        for (var i = 0; i + 1 < result.Length; i += 2)
        {
            page.Add(new DueEntry((string)result[i]!, (string)result[i + 1]!));
        }

        return page;
    }

    public async Task<DateTimeOffset?> GetLastEnqueuedAsync(string jobId)
    {
        var db = await connection.GetDatabaseAsync().ConfigureAwait(false);
        var value = await db.HashGetAsync(keys.LastEnqueued, jobId).ConfigureAwait(false);
        return value.IsNull ? null : DateTimeOffset.FromUnixTimeMilliseconds((long)value);
    }

    /// <summary>
    /// Removes the job from the index and deletes its bookkeeping, in one transaction. Idempotent. The count of its
    /// active runs stays: runs already queued still execute and settle, and a job re-created meanwhile under the same id
    /// counts them under its overlap policy (a count that settling brings back to zero removes itself).
    /// </summary>
    public async Task DeleteAsync(string jobId)
    {
        var db = await connection.GetDatabaseAsync().ConfigureAwait(false);
        var transaction = db.CreateTransaction();
        _ = transaction.SortedSetRemoveAsync(keys.Jobs, jobId);
        _ = transaction.HashDeleteAsync(keys.LastEnqueued, jobId);
        _ = transaction.SortedSetRemoveAsync(keys.Due, jobId);
        _ = transaction.KeyDeleteAsync([keys.History(jobId), keys.Counts(jobId), keys.Missed(jobId)]);
        await transaction.ExecuteAsync().ConfigureAwait(false);
    }
}
