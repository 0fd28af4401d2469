using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansScheduler.Hosting;
using OrleansScheduler.Redis;
using StackExchange.Redis;

namespace OrleansScheduler.Dispatching;

/// <summary>On every silo, moves failed runs whose backoff has passed from the retry set back onto their queues.</summary>
/// <remarks>All silos do it; the promotion script makes each run move exactly once.</remarks>
internal sealed partial class RetryPromoter(
    RunMaintenance maintenance,
    IOptions<JobSchedulerOptions> options,
    [FromKeyedServices(JobSchedulerTimeProviderNames.Scheduler)] TimeProvider time,
    ILogger<RetryPromoter> logger) : SiloBackgroundService
{
    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        var failing = false;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                var promoted = await maintenance.PromoteDueRetriesAsync(time.GetUtcNow()).ConfigureAwait(false);
                failing = false;
                if (promoted > 0)
                {
                    LogPromoted(logger, promoted);
                    continue;
                }
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                if (!failing)
                {
                    LogFailed(logger, ex);
                }

                failing = true;
            }

            try
            {
                await Task.Delay(options.Value.RetryPollInterval, time, stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(600, LogLevel.Debug, "Promoted {Count} retries to their queues")]
    private static partial void LogPromoted(ILogger logger, long count);

    [LoggerMessage(601, LogLevel.Warning, "Promoting retries failed; trying again")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
