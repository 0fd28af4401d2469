using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansScheduler.Hosting;
using OrleansScheduler.Recovery;
using OrleansScheduler.Redis;

namespace OrleansScheduler.Execution;

/// <summary>
/// A stopping silo's last act for its runs, once it fetches no more: runs in flight get the grace period to finish;
/// whatever is still unsettled then goes back to the queues for another silo; only then are the handlers cancelled.
/// </summary>
internal sealed partial class RunDrain(
    RunSlots slots,
    ProcessingList list,
    ProcessingLists lists,
    ShutdownSignal shutdown,
    IOptions<JobSchedulerOptions> options,
    ILogger<RunDrain> logger)
{
    /// <summary>Drains this silo's runs; <paramref name="cancellationToken"/> (the silo's stop token) cuts the grace period short.</summary>
    public async Task DrainAsync(CancellationToken cancellationToken)
    {
        // The order is the guarantee: hand back before cancelling, so that an attempt cut short by the shutdown is
        // handed back, never settled as failed (which would burn an attempt, or dead-letter a run that did not fail).
        // Nothing is lost; a handed-back run may run twice.
        using var grace = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        grace.CancelAfter(options.Value.ShutdownGracePeriod);
        while (slots.InFlight > 0 && !grace.IsCancellationRequested)
        {
            await Task.Delay(50, CancellationToken.None).ConfigureAwait(false);
        }

        var unfinished = slots.InFlight;
        long handedBack = 0;
        try
        {
            handedBack = await lists.HandBackAsync(list.Silo, release: true).ConfigureAwait(false);
        }
        catch (Exception ex) when (RedisFailures.IsTransient(ex, CancellationToken.None))
        {
            // Redis is unreachable: the list stays, and survivors hand it back once this silo is declared dead.
            LogHandBackFailed(logger, ex);
        }

        shutdown.Cancel();
        LogStopped(logger, list.Silo, unfinished, handedBack);
    }

    [LoggerMessage(401, LogLevel.Information, "Fetcher on silo {Silo} stopped: {InFlight} run(s) unfinished after the grace period, {HandedBack} handed back to the queue")]
    private static partial void LogStopped(ILogger logger, string silo, int inFlight, long handedBack);

    [LoggerMessage(411, LogLevel.Warning, "Handing this silo's processing list back at stop failed: Redis is unreachable; the survivors hand it back once this silo is declared dead")]
    private static partial void LogHandBackFailed(ILogger logger, Exception exception);
}
