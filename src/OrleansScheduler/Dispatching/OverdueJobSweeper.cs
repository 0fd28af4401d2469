using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansScheduler.Hosting;
using OrleansScheduler.Redis;
using StackExchange.Redis;

namespace OrleansScheduler.Dispatching;

/// <summary>
/// Wakes jobs whose activation (and the timer that would fire them on time) was lost with a silo. When this silo
/// starts (the whole cluster may have restarted) and right after membership declares a silo dead, it calls every job
/// in the due index that falls due before its reminder's next tick could wake it; every few seconds, as a backstop,
/// every job past the misfire threshold. The call activates the job on a live silo, which enqueues what is due under
/// its misfire policy and arms its timer for what is near. Without it such jobs would wait for their reminder's next
/// tick, up to a whole <see cref="JobSchedulerOptions.WakeUpPeriod"/>. Several silos waking the same job is harmless:
/// the grain handles one call at a time and enqueues each occurrence once.
/// </summary>
internal sealed partial class OverdueJobSweeper(
    JobRecords records,
    IGrainFactory grains,
    IClusterMembershipService membership,
    IOptions<JobSchedulerOptions> options,
    [FromKeyedServices(JobSchedulerTimeProviderNames.Scheduler)] TimeProvider time,
    ILogger<OverdueJobSweeper> logger) : SiloBackgroundService
{
    private const int Batch = 1000;
    private const int Parallelism = 32;

    private static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(5);

    private readonly SemaphoreSlim _sweepNow = new(0, 1);

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _sweepNow.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <inheritdoc/>
    protected override Task ExecuteAsync(CancellationToken stopping) =>
        Task.WhenAll(SweepLoopAsync(stopping), WatchMembershipAsync(stopping));

    private async Task WatchMembershipAsync(CancellationToken stopping)
    {
        var dead = membership.CurrentSnapshot.Members.Values.Count(m => m.Status == SiloStatus.Dead);
        try
        {
            await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(stopping).ConfigureAwait(false))
            {
                var nowDead = snapshot.Members.Values.Count(m => m.Status == SiloStatus.Dead);
                if (nowDead > dead && _sweepNow.CurrentCount == 0)
                {
                    _sweepNow.Release();
                }

                dead = nowDead;
            }
        }
        catch (OperationCanceledException)
        {
            // Shutting down.
        }
    }

    private async Task SweepLoopAsync(CancellationToken stopping)
    {
        // The first sweep runs at once: after a restart of the whole cluster no activation holds a timer, and a job due
        // within the next wake-up period would otherwise wait for its reminder's next tick and fire late.
        var reason = SweepReason.Startup;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                if (reason != SweepReason.Startup)
                {
                    reason = await _sweepNow.WaitAsync(SweepInterval, stopping).ConfigureAwait(false) ? SweepReason.SiloDied : SweepReason.Backstop;
                }

                await SweepAsync(reason, stopping).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                LogFailed(logger, ex);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            reason = SweepReason.Backstop;
        }
    }

    /// <summary>
    /// The backstop wakes one batch of jobs past the misfire threshold. At start-up and after a silo died it wakes every
    /// job due before the next reminder tick could reach it, page by page: the timers that would have fired them are gone.
    /// </summary>
    private async Task SweepAsync(SweepReason reason, CancellationToken stopping)
    {
        var now = time.GetUtcNow();
        var dueBefore = reason == SweepReason.Backstop ? now - options.Value.MisfireThreshold : now + options.Value.WakeUpPeriod;
        for (long skip = 0; ; skip += Batch)
        {
            var due = await records.GetDueBeforeAsync(dueBefore, Batch, skip).ConfigureAwait(false);
            if (due.Count > 0)
            {
                LogWaking(logger, due.Count, reason);
                await Parallel.ForEachAsync(
                    due,
                    new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = stopping },
                    async (jobId, _) => await WakeAsync(jobId).ConfigureAwait(false)).ConfigureAwait(false);
            }

            if (due.Count < Batch || reason == SweepReason.Backstop)
            {
                return;
            }
        }
    }

    private enum SweepReason
    {
        /// <summary>This silo just started: the cluster may have restarted.</summary>
        Startup,

        /// <summary>Membership declared a silo dead: its activations and their timers are gone.</summary>
        SiloDied,

        /// <summary>The periodic sweep for jobs past the misfire threshold, whatever stranded them.</summary>
        Backstop,
    }

    private async Task WakeAsync(string jobId)
    {
        try
        {
            // Any call activates the job where it can live; activation enqueues what is due.
            await grains.GetGrain<IJobGrain>(jobId).Get().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogWakeFailed(logger, jobId, ex);
        }
    }

    [LoggerMessage(800, LogLevel.Information, "Waking {Count} job(s) that are due ({Reason})")]
    private static partial void LogWaking(ILogger logger, int count, SweepReason reason);

    [LoggerMessage(801, LogLevel.Warning, "Reading the due index failed; trying again")]
    private static partial void LogFailed(ILogger logger, Exception exception);

    [LoggerMessage(802, LogLevel.Debug, "Waking job {JobId} failed")]
    private static partial void LogWakeFailed(ILogger logger, string jobId, Exception exception);
}
