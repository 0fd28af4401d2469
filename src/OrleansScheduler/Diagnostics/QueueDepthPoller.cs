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
        var failing = false;
        while (!stopping.IsCancellationRequested)
        {
            if (instruments.QueueDepthsObserved)
            {
                try
                {
                    instruments.SetQueueDepths(await depths.GetAsync(queues, list.Silo).ConfigureAwait(false));
                    failing = false;
                }
                catch (Exception ex) when (RedisFailures.IsTransient(ex, stopping))
                {
                    // No depths rather than stale ones: a gauge that disappears is noticed, one that froze is not.
                    instruments.SetQueueDepths(null);
                    if (!failing)
                    {
                        LogFailed(logger, ex);
                    }

                    failing = true;
                }
            }

            try
            {
                await Task.Delay(Interval, time, stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(900, LogLevel.Warning, "Reading queue depths for the metrics failed; the queue gauges report nothing until Redis answers")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
