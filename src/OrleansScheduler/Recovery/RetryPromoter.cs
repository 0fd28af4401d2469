using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansScheduler.Diagnostics;
using OrleansScheduler.Hosting;
using OrleansScheduler.Redis;
using OrleansScheduler.Redis.Scripts;
using OrleansScheduler.Settlement;

namespace OrleansScheduler.Recovery;

/// <summary>
/// On every silo, moves failed runs whose backoff has passed from the retry set back onto their queues, and every
/// <see cref="DeadLetterTrimInterval"/> drops dead letters past their retention or limit (settling trims as well, but
/// only when a new dead letter arrives).
/// </summary>
/// <remarks>All silos do it; the promotion script makes each run move exactly once.</remarks>
internal sealed partial class RetryPromoter(
    RetrySet retries,
    DeadLetterStore deadLetters,
    IOptions<JobSchedulerOptions> options,
    [FromKeyedServices(JobSchedulerTimeProviderNames.Scheduler)] TimeProvider time,
    SchedulerInstruments instruments,
    ILogger<RetryPromoter> logger) : SiloBackgroundService
{
    /// <summary>How often dead letters are trimmed when none arrive.</summary>
    internal static readonly TimeSpan DeadLetterTrimInterval = TimeSpan.FromSeconds(30);

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        var failing = false;
        var lastTrim = time.GetTimestamp();
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                if (time.GetElapsedTime(lastTrim) >= DeadLetterTrimInterval)
                {
                    lastTrim = time.GetTimestamp();
                    await TrimDeadLettersAsync().ConfigureAwait(false);
                }

                var promoted = await retries.PromoteDueAsync(time.GetUtcNow()).ConfigureAwait(false);
                failing = false;
                if (promoted > 0)
                {
                    LogPromoted(logger, promoted);
                    continue;
                }
            }
            catch (Exception ex) when (RedisFailures.IsTransient(ex, stopping))
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

    private async Task TrimDeadLettersAsync()
    {
        var settings = options.Value;
        long dropped;
        do
        {
            dropped = await deadLetters.TrimAsync(settings.DeadLetterLimit, time.GetUtcNow() - settings.DeadLetterRetention).ConfigureAwait(false);
            if (dropped > 0)
            {
                instruments.RecordDeadLettersDropped(dropped);
                LogDeadLettersDropped(logger, dropped, settings.DeadLetterLimit, settings.DeadLetterRetention);
            }
        }
        while (dropped >= TrimDeadLettersScript.Batch);
    }

    [LoggerMessage(602, LogLevel.Information, "Dropped {Count} dead letter(s), the oldest: more than {Limit} are kept, or older than {Retention}")]
    private static partial void LogDeadLettersDropped(ILogger logger, long count, int limit, TimeSpan retention);

    [LoggerMessage(600, LogLevel.Debug, "Promoted {Count} retries to their queues")]
    private static partial void LogPromoted(ILogger logger, long count);

    [LoggerMessage(601, LogLevel.Warning, "Promoting retries failed; trying again")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
