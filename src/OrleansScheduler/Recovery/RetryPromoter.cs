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

    private long _lastTrim;

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        var pollInterval = options.Value.RetryPollInterval;
        // The poll is the retry: a failed step is tried again at the poll's pace, logged once until it succeeds.
        var step = RedisResilience.Loop(pollInterval, args =>
        {
            if (args.AttemptNumber == 0)
            {
                LogFailed(logger, args.Outcome.Exception!);
            }

            return default;
        }, time);
        _lastTrim = time.GetTimestamp();
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                var promoted = await step.ExecuteAsync(static (self, _) => self.StepAsync(), this, stopping).ConfigureAwait(false);
                if (promoted > 0)
                {
                    LogPromoted(logger, promoted);
                    continue;
                }

                await Task.Delay(pollInterval, time, stopping).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    /// <summary>Trims the dead letters when it is time, then promotes the due retries; returns how many.</summary>
    private async ValueTask<long> StepAsync()
    {
        if (time.GetElapsedTime(_lastTrim) >= DeadLetterTrimInterval)
        {
            _lastTrim = time.GetTimestamp();
            await TrimDeadLettersAsync().ConfigureAwait(false);
        }

        return await retries.PromoteDueAsync(time.GetUtcNow()).ConfigureAwait(false);
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
