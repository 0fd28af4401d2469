using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansScheduler.Hosting;
using OrleansScheduler.Redis;
using OrleansScheduler.Scheduling;

namespace OrleansScheduler.Firing;

/// <summary>
/// Wakes jobs whose activation (and the timer that would fire them on time) was lost with a silo, or whose timer
/// stopped. When this silo starts (the whole cluster may have restarted) and right after membership declares a silo
/// dead, it wakes every job in the due index that falls due before its reminder's next tick could wake it; every few
/// seconds, as a backstop, every job past the misfire threshold. Waking (<see cref="IJobSweepGrain.Wake"/>) evaluates
/// the job on a live silo, active or not: it enqueues what is due under its misfire policy, arms its timer for what is
/// near, and repairs a due entry that no longer says when the job is due (a paused job's, a deleted job's). Without it
/// such jobs would wait for their reminder's next tick, up to a whole <see cref="JobSchedulerOptions.WakeUpPeriod"/>.
/// Several silos waking the same job is harmless: the grain handles one call at a time and enqueues each occurrence once.
/// </summary>
internal sealed partial class OverdueJobSweeper(
    JobIndex index,
    IGrainFactory grains,
    IClusterMembershipService membership,
    IOptions<JobSchedulerOptions> options,
    [FromKeyedServices(JobSchedulerTimeProviderNames.Scheduler)] TimeProvider time,
    ILogger<OverdueJobSweeper> logger) : SiloBackgroundService
{
    private const int Batch = 1000;
    private const int Parallelism = 32;

    private static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(5);

    // About 15 s in all: long enough for a restarted cluster's grain directory to settle, short enough that a silo
    // dying meanwhile is swept soon after (its signal waits for this sweep to end).
    private static readonly TimeSpan[] WakeRetryDelays = [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(8)];

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
        // The dead silos by name, not their number: a death in the same snapshot as the removal of a long-dead entry
        // leaves the number unchanged.
        var dead = DeadSilos(membership.CurrentSnapshot);
        try
        {
            await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(stopping).ConfigureAwait(false))
            {
                var nowDead = DeadSilos(snapshot);
                if (!nowDead.IsSubsetOf(dead) && _sweepNow.CurrentCount == 0)
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
            catch (Exception ex) when (RedisFailures.IsTransient(ex, stopping))
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
    /// Wakes, page by page, every job due by the cut-off: for the backstop, the misfire threshold ago; at start-up and
    /// after a silo died, the next reminder tick (the timers that would have fired them are gone). Each page is read
    /// before the previous one is woken and from the previous page's last entry, not by offset: woken jobs move their due
    /// entries on, which must not make the sweep skip others. Jobs whose wake failed are woken again, a few times with
    /// backoff (<see cref="WakeRetryDelays"/>): after a restart of the whole cluster, calls fail for a few seconds while
    /// the grain directory still names the old silos, and nothing else would wake those jobs before their reminders or
    /// the backstop, minutes later (F8 under load: 49 of 2,500 overdue jobs).
    /// </summary>
    private async Task SweepAsync(SweepReason reason, CancellationToken stopping)
    {
        var now = time.GetUtcNow();
        var dueBy = reason == SweepReason.Backstop ? now - options.Value.MisfireThreshold : now + options.Value.WakeUpPeriod;
        var page = await index.GetDuePageAsync(dueBy, Batch, after: null).ConfigureAwait(false);
        var woken = 0;
        var failed = new ConcurrentBag<string>();
        while (page.Count > 0)
        {
            var next = page.Count < Batch ? [] : await index.GetDuePageAsync(dueBy, Batch, page[^1]).ConfigureAwait(false);
            await WakeAllAsync(page.Select(entry => entry.JobId), failed, stopping).ConfigureAwait(false);
            woken += page.Count;
            page = next;
        }

        if (woken > 0)
        {
            LogWaking(logger, woken, reason);
        }

        foreach (var delay in WakeRetryDelays)
        {
            if (failed.IsEmpty)
            {
                return;
            }

            LogWakesFailed(logger, failed.Count, reason, delay);
            await Task.Delay(delay, time, stopping).ConfigureAwait(false);
            var again = failed.ToArray();
            failed.Clear();
            await WakeAllAsync(again, failed, stopping).ConfigureAwait(false);
        }

        if (!failed.IsEmpty)
        {
            LogWakesGivenUp(logger, failed.Count, reason);
        }
    }

    private Task WakeAllAsync(IEnumerable<string> jobIds, ConcurrentBag<string> failed, CancellationToken stopping) =>
        Parallel.ForEachAsync(
            jobIds,
            new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = stopping },
            async (jobId, _) =>
            {
                if (!await WakeAsync(jobId).ConfigureAwait(false))
                {
                    failed.Add(jobId);
                }
            });

    private static HashSet<string> DeadSilos(ClusterMembershipSnapshot snapshot) =>
        snapshot.Members.Values.Where(m => m.Status == SiloStatus.Dead).Select(m => m.SiloAddress.ToParsableString()).ToHashSet(StringComparer.Ordinal);

    private enum SweepReason
    {
        /// <summary>This silo just started: the cluster may have restarted.</summary>
        Startup,

        /// <summary>Membership declared a silo dead: its activations and their timers are gone.</summary>
        SiloDied,

        /// <summary>The periodic sweep for jobs past the misfire threshold, whatever stranded them.</summary>
        Backstop,
    }

    private async Task<bool> WakeAsync(string jobId)
    {
        try
        {
            await grains.GetGrain<IJobSweepGrain>(jobId).Wake().ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogWakeFailed(logger, jobId, ex);
            return false;
        }
    }

    [LoggerMessage(800, LogLevel.Information, "Woke {Count} job(s) that were due ({Reason})")]
    private static partial void LogWaking(ILogger logger, int count, SweepReason reason);

    [LoggerMessage(801, LogLevel.Warning, "Reading the due index failed; trying again")]
    private static partial void LogFailed(ILogger logger, Exception exception);

    [LoggerMessage(803, LogLevel.Warning, "Waking {Count} job(s) failed ({Reason}); trying them again in {Delay}")]
    private static partial void LogWakesFailed(ILogger logger, int count, SweepReason reason, TimeSpan delay);

    [LoggerMessage(804, LogLevel.Warning, "Waking {Count} job(s) still failed ({Reason}); their reminders or the backstop sweep will wake them")]
    private static partial void LogWakesGivenUp(ILogger logger, int count, SweepReason reason);

    [LoggerMessage(802, LogLevel.Debug, "Waking job {JobId} failed")]
    private static partial void LogWakeFailed(ILogger logger, string jobId, Exception exception);
}
