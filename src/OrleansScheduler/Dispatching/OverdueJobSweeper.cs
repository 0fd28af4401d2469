using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansScheduler.Hosting;
using OrleansScheduler.Redis;
using StackExchange.Redis;

namespace OrleansScheduler.Dispatching;

/// <summary>
/// Wakes jobs that are overdue because the silo hosting them died. Right after membership declares a silo dead, and
/// every few seconds as a backstop, it reads the due index for jobs whose next occurrence has passed and calls each
/// one: the call activates the job on a live silo, which enqueues what is due under its misfire policy. Without it,
/// such jobs would wait for their reminder's next tick, up to a whole <see cref="JobSchedulerOptions.WakeUpPeriod"/>.
/// Several silos waking the same job is harmless: the grain handles one call at a time and enqueues each occurrence once.
/// </summary>
internal sealed partial class OverdueJobSweeper(
    JobRecords records,
    IGrainFactory grains,
    IClusterMembershipService membership,
    IOptions<JobSchedulerOptions> options,
    [FromKeyedServices(JobSchedulerTimeProviderNames.Scheduler)] TimeProvider time,
    ILogger<OverdueJobSweeper> logger) : ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    private const int Batch = 1000;
    private const int Parallelism = 32;

    // A job only this late is most likely just busy; past the misfire threshold, or right after a silo died, it is stranded.
    private static readonly TimeSpan AfterDeathLateness = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(5);

    private readonly CancellationTokenSource _stopping = new();
    private readonly SemaphoreSlim _sweepNow = new(0, 1);
    private Task _loop = Task.CompletedTask;
    private Task _watch = Task.CompletedTask;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(OverdueJobSweeper), ServiceLifecycleStage.Active, StartAsync, StopAsync);

    public void Dispose()
    {
        _stopping.Dispose();
        _sweepNow.Dispose();
    }

    private Task StartAsync(CancellationToken cancellationToken)
    {
        _loop = Task.Run(() => SweepLoopAsync(_stopping.Token), CancellationToken.None);
        _watch = Task.Run(() => WatchMembershipAsync(_stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(_loop, _watch).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Shutting down.
        }
    }

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
        while (!stopping.IsCancellationRequested)
        {
            bool afterDeath;
            try
            {
                afterDeath = await _sweepNow.WaitAsync(SweepInterval, stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            try
            {
                var lateness = afterDeath ? AfterDeathLateness : options.Value.MisfireThreshold;
                var overdue = await records.GetOverdueAsync(time.GetUtcNow() - lateness, Batch).ConfigureAwait(false);
                if (overdue.Count > 0)
                {
                    LogWaking(logger, overdue.Count, afterDeath);
                    await Parallel.ForEachAsync(
                        overdue,
                        new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = stopping },
                        async (jobId, _) => await WakeAsync(jobId).ConfigureAwait(false)).ConfigureAwait(false);
                }
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                LogFailed(logger, ex);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
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

    [LoggerMessage(800, LogLevel.Information, "Waking {Count} overdue job(s) (after a silo died: {AfterDeath})")]
    private static partial void LogWaking(ILogger logger, int count, bool afterDeath);

    [LoggerMessage(801, LogLevel.Warning, "Reading the due index failed; trying again")]
    private static partial void LogFailed(ILogger logger, Exception exception);

    [LoggerMessage(802, LogLevel.Debug, "Waking job {JobId} failed")]
    private static partial void LogWakeFailed(ILogger logger, string jobId, Exception exception);
}
