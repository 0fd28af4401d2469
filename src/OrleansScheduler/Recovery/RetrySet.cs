using OrleansScheduler.Redis;
using OrleansScheduler.Redis.Scripts;

namespace OrleansScheduler.Recovery;

/// <summary>The retry set (<see cref="SchedulerKeys.Retry"/>): failed attempts that wait out their backoff before they go back on their queues.</summary>
internal sealed class RetrySet(SchedulerRedisConnection connection, SchedulerKeys keys)
{
    private const int PromotionBatch = 500;

    /// <summary>Moves the retries due by <paramref name="now"/> onto their queues (<see cref="PromoteRetriesScript"/>); returns how many.</summary>
    public async Task<long> PromoteDueAsync(DateTimeOffset now)
    {
        var db = await connection.GetDatabaseAsync().ConfigureAwait(false);
        return await PromoteRetriesScript.EvaluateAsync(db, new PromoteRetriesScript.Args(
            RetryKey: keys.Retry,
            NowMs: now.ToUnixTimeMilliseconds(),
            Batch: PromotionBatch,
            QueuePrefix: keys.QueuePrefix,
            WakeChannel: keys.WakeChannel)).ConfigureAwait(false);
    }
}
