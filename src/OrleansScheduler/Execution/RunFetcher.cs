using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansScheduler.Hosting;
using OrleansScheduler.Redis;
using Polly;

namespace OrleansScheduler.Execution;

/// <summary>
/// Fetches runs from the Redis queues this silo serves into its processing list, as many as it has free slots, and
/// starts each with the <see cref="RunExecutor"/>. Idle, it waits for a wake-up message (published with every push) or
/// the poll interval, whichever comes first. At stop it fetches no more, then the <see cref="RunDrain"/> runs.
/// </summary>
internal sealed partial class RunFetcher(
    RunSlots slots,
    ProcessingList list,
    RunExecutor executor,
    RunAdopter adopter,
    RunDrain drain,
    WakeUps wakeUps,
    ISiloStatusOracle status,
    IOptions<JobSchedulerOptions> options,
    ILogger<RunFetcher> logger) : SiloBackgroundService
{
    // Set when a round failed before it succeeded: the runs of a fetch that failed here may have moved in Redis.
    private static readonly ResiliencePropertyKey<bool> RoundFailed = new("osched.fetch.failed");

    // Runs fetched per round trip at most: enough for a burst to drain at Redis's pace, few enough that the first silo
    // to wake does not take a whole burst while the others idle.
    private const int MaxFetchBatch = 16;

    private readonly JobSchedulerOptions _options = options.Value;
    private readonly string[] _queues = [.. options.Value.Queues];
    private int _next;

    private readonly ResiliencePipeline _rounds = RedisResilience.FetchRound(args =>
    {
        if (args.AttemptNumber == 0)
        {
            LogFetchFailed(logger, args.Outcome.Exception!);
        }

        args.Context.Properties.Set(RoundFailed, true);
        return default;
    });

    /// <inheritdoc/>
    protected override async Task StartingAsync(CancellationToken cancellationToken)
    {
        // Subscribed before the loop starts, so that no wake-up published after start is missed.
        await wakeUps.SubscribeAsync(cancellationToken).ConfigureAwait(false);
        LogStarted(logger, list.Silo, string.Join(", ", _queues), _options.MaxConcurrentRuns);
    }

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            var context = ResilienceContextPool.Shared.Get(stopping);
            int fetched;
            bool failed;
            try
            {
                // Whatever fails in a round, the fetcher goes on with backoff: a fetcher that stopped would strand its queues.
                fetched = await _rounds.ExecuteAsync(static (context, self) => self.FetchRoundAsync(context.CancellationToken), context, this).ConfigureAwait(false);
                failed = context.Properties.GetValue(RoundFailed, false);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                break;
            }
            finally
            {
                ResilienceContextPool.Shared.Return(context);
            }

            if (failed)
            {
                // A fetch that failed on this side may still have run in Redis: adopt what it left in this silo's list.
                await adopter.AdoptStrandedAsync(stopping).ConfigureAwait(false);
                continue;
            }

            if (fetched == 0)
            {
                try
                {
                    await wakeUps.WaitAsync(_options.PollInterval, stopping).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
    }

    /// <summary>
    /// One round: a slot, then as many runs as there are free slots (up to a batch), one round trip each queue, the first
    /// queue rotating. Returns how many runs it started, or -1 when the silo is not active (nothing to wait for).
    /// </summary>
    private async ValueTask<int> FetchRoundAsync(CancellationToken stopping)
    {
        await slots.WaitAsync(stopping).ConfigureAwait(false);
        if (status.CurrentStatus != SiloStatus.Active)
        {
            // Told it is dead (declared dead while frozen or cut off), this silo is about to stop: runs it fetched now
            // would only wait for the survivors to hand them back.
            slots.Release();
            await DelayAsync(_options.PollInterval, stopping).ConfigureAwait(false);
            return -1;
        }

        var free = 1 + slots.TakeFree(MaxFetchBatch - 1);
        var fetched = 0;
        try
        {
            for (var i = 0; i < _queues.Length && fetched < free; i++)
            {
                foreach (var raw in await list.FetchAsync(_queues[(_next + i) % _queues.Length], free - fetched).ConfigureAwait(false))
                {
                    fetched++;
                    executor.Start(raw);
                }
            }

            _next++;
            return fetched;
        }
        finally
        {
            // Slots not used, whether the round fetched fewer runs or failed, are free again for the next round.
            slots.Release(free - fetched);
        }
    }

    /// <inheritdoc/>
    protected override async Task StoppedAsync(CancellationToken cancellationToken)
    {
        await wakeUps.UnsubscribeAsync().ConfigureAwait(false);
        await drain.DrainAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    [LoggerMessage(400, LogLevel.Information, "Fetcher on silo {Silo} started: queues {Queues}, up to {MaxConcurrentRuns} runs at once")]
    private static partial void LogStarted(ILogger logger, string silo, string queues, int maxConcurrentRuns);

    [LoggerMessage(402, LogLevel.Warning, "Fetching runs failed; retrying with backoff")]
    private static partial void LogFetchFailed(ILogger logger, Exception exception);
}
