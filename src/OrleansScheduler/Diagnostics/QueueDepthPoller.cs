using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansScheduler.Execution;
using OrleansScheduler.Hosting;
using OrleansScheduler.Redis;
using OrleansScheduler.Inspection;

namespace OrleansScheduler.Diagnostics;

/// <summary>
/// Reads the queue depths from Redis every <see cref="Interval"/> for the queue gauges of
/// <see cref="SchedulerInstruments"/>, whose callbacks run inside a scrape and must not wait for Redis. Reads only
/// while an exporter observes the gauges: every queue with its consumers, and only this silo's processing list.
/// </summary>
internal sealed partial class QueueDepthPoller(
    QueueDepthReader depths,
    ProcessingList list,
    SchedulerInstruments instruments,
    IOptions<JobSchedulerOptions> options,
    [FromKeyedServices(JobSchedulerTimeProviderNames.Scheduler)] TimeProvider time,
    ILogger<QueueDepthPoller> logger) : SiloBackgroundService
{
    /// <summary>How often the depths are read: well under a usual scrape interval (15 s), and a few cheap commands each time.</summary>
    internal static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    /// <inheritdoc/>
    protected override void OnStopped() => instruments.SetQueueDepths(null);

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        // The same queues the admin grain reports: every known one, this silo's and the default one.
        var queues = options.Value.Queues.Append(JobSpec.DefaultQueue).Distinct(StringComparer.Ordinal).ToList();
        // The poll is the retry: a failed read is tried again at the poll's pace, logged once until it succeeds.
        var read = RedisResilience.Loop(Interval, args =>
        {
            // No depths rather than stale ones: a gauge that disappears is noticed, one that froze is not.
            instruments.SetQueueDepths(null);
            if (args.AttemptNumber == 0)
            {
                LogFailed(logger, args.Outcome.Exception!);
            }

            return default;
        }, time);
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                if (instruments.QueueDepthsObserved)
                {
                    await read.ExecuteAsync(
                        static async (state, _) => state.instruments.SetQueueDepths(await state.depths.GetAsync(state.queues, state.Silo).ConfigureAwait(false)),
                        (instruments, depths, queues, list.Silo),
                        stopping).ConfigureAwait(false);
                }

                await Task.Delay(Interval, time, stopping).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    [LoggerMessage(900, LogLevel.Warning, "Reading queue depths for the metrics failed; the queue gauges report nothing until Redis answers")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
