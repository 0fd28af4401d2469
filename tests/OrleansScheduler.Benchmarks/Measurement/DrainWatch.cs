using OrleansScheduler.Benchmarks.Infrastructure;
using OrleansScheduler.Redis;
using StackExchange.Redis;

namespace OrleansScheduler.Benchmarks.Measurement;

/// <summary>
/// Watches a burst drain with three O(1) reads per poll (jobs that have enqueued, runs queued or running, queue
/// length), cheap enough not to disturb it. Splits the burst's time into the enqueue side (job grains firing) and the
/// dispatch side (workers taking runs), which the history alone cannot: it records when each run started, not when
/// it was enqueued.
/// </summary>
internal sealed class DrainWatch(IDatabase database, SchedulerKeys keys, string queue)
{
    /// <summary>How often it polls: the resolution of <see cref="AllEnqueuedAt"/>.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>The first poll that saw every job enqueued; null if none did.</summary>
    public DateTimeOffset? AllEnqueuedAt { get; private set; }

    /// <summary>The longest the queue was at any poll.</summary>
    public long PeakQueued { get; private set; }

    /// <summary>
    /// Polls until <paramref name="jobs"/> jobs have enqueued their run and no run is queued or running (true), or
    /// <paramref name="deadline"/> passes (false).
    /// </summary>
    public Task<bool> WaitAsync(long jobs, DateTimeOffset deadline, CancellationToken cancellationToken) =>
        Waits.ForAsync(
            async () =>
            {
                var batch = database.CreateBatch();
                var enqueued = batch.HashLengthAsync(keys.LastEnqueued);
                var active = batch.HashLengthAsync(keys.Active);
                var queued = batch.ListLengthAsync(keys.Queue(queue));
                batch.Execute();
                var allEnqueued = await enqueued.ConfigureAwait(false) >= jobs;
                if (allEnqueued && AllEnqueuedAt is null)
                {
                    AllEnqueuedAt = DateTimeOffset.UtcNow;
                }

                PeakQueued = Math.Max(PeakQueued, await queued.ConfigureAwait(false));
                return allEnqueued && await active.ConfigureAwait(false) == 0;
            },
            PollInterval,
            deadline,
            cancellationToken);
}
