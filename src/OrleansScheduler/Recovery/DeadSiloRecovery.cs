using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Polly;
using OrleansScheduler.Hosting;
using OrleansScheduler.Redis;

namespace OrleansScheduler.Recovery;

/// <summary>
/// Hands the runs in a dead silo's processing list back to their queues. Every survivor looks, whenever membership
/// changes and every <see cref="RecheckInterval"/> anyway, at every list in the registry of processing lists
/// (<see cref="SchedulerKeys.ProcessingLists"/>); the hand-back script makes each run move exactly once and drops the
/// silo's entry once its list is empty. A silo declared dead while still alive can take more runs before it learns
/// that it is dead and stops: its fetch registers its list again, and the next look hands those runs back too. At
/// start, the silo also hands back the lists of dead silos written before the registry existed.
/// </summary>
internal sealed partial class DeadSiloRecovery(
    ProcessingLists lists,
    IClusterMembershipService membership,
    ILocalSiloDetails localSilo,
    IOptions<ClusterOptions> cluster,
    [FromKeyedServices(JobSchedulerTimeProviderNames.Scheduler)] TimeProvider time,
    ILogger<DeadSiloRecovery> logger) : SiloBackgroundService
{
    /// <summary>How often the registry is checked when membership does not change.</summary>
    internal static readonly TimeSpan RecheckInterval = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a silo with a registered list may be unknown to this silo's view of membership before its list counts as
    /// abandoned: long enough for a silo that just joined to reach this view (the table is read every 10 s, and joins are
    /// announced), short next to how long a list of a silo whose entry was removed from membership would wait otherwise.
    /// </summary>
    internal static readonly TimeSpan UnknownGrace = TimeSpan.FromSeconds(60);

    private readonly Dictionary<string, DateTimeOffset> _unknownSince = new(StringComparer.Ordinal);

    private readonly ResiliencePipeline _retry = RedisResilience.Loop(RedisResilience.LoopDelay, args =>
    {
        LogFailed(logger, args.Outcome.Exception!);
        return default;
    });

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        try
        {
            await _retry.ExecuteAsync(static (self, _) => self.HandBackLegacyListsAsync(), this, stopping).ConfigureAwait(false);
            await using var updates = membership.MembershipUpdates.GetAsyncEnumerator(stopping);
            var nextUpdate = updates.MoveNextAsync().AsTask();
            while (!stopping.IsCancellationRequested)
            {
                await _retry.ExecuteAsync(static (self, _) => self.HandBackDeadAsync(), this, stopping).ConfigureAwait(false);
                await Task.WhenAny(nextUpdate, Task.Delay(RecheckInterval, stopping)).ConfigureAwait(false);
                if (nextUpdate.IsCompleted)
                {
                    if (!await nextUpdate.ConfigureAwait(false))
                    {
                        return;
                    }

                    nextUpdate = updates.MoveNextAsync().AsTask();
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    /// <summary>Hands back every registered list of this cluster whose silo is dead, or unknown to membership for longer than <see cref="UnknownGrace"/>.</summary>
    private async ValueTask HandBackDeadAsync()
    {
        var self = localSilo.SiloAddress.ToParsableString();
        var statuses = membership.CurrentSnapshot.Members.Values.ToDictionary(m => m.SiloAddress.ToParsableString(), m => m.Status, StringComparer.Ordinal);
        var now = time.GetUtcNow();
        var stillUnknown = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (silo, clusterId) in await lists.GetRegisteredAsync().ConfigureAwait(false))
        {
            // Another cluster under the same service id (a blue/green deployment) hands back its own silos' lists.
            if (silo == self || clusterId != cluster.Value.ClusterId)
            {
                continue;
            }

            if (!statuses.TryGetValue(silo, out var status))
            {
                stillUnknown.Add(silo);
                if (!_unknownSince.TryGetValue(silo, out var since))
                {
                    _unknownSince[silo] = now;
                    continue;
                }

                if (now - since < UnknownGrace)
                {
                    continue;
                }
            }
            else if (status != SiloStatus.Dead)
            {
                // Alive (a stopping silo hands back its own list).
                continue;
            }

            await HandBackAsync(silo).ConfigureAwait(false);
        }

        foreach (var silo in _unknownSince.Keys.Where(s => !stillUnknown.Contains(s)).ToList())
        {
            _unknownSince.Remove(silo);
        }
    }

    /// <summary>At start: lists that predate the registry (found by a scan of the keys) whose silo is dead or gone from membership.</summary>
    private async ValueTask HandBackLegacyListsAsync()
    {
        var known = membership.CurrentSnapshot.Members.Values.ToDictionary(m => m.SiloAddress.ToParsableString(), m => m.Status, StringComparer.Ordinal);
        var self = localSilo.SiloAddress.ToParsableString();
        foreach (var silo in await lists.ScanLegacyAsync().ConfigureAwait(false))
        {
            if (silo != self && (!known.TryGetValue(silo, out var status) || status == SiloStatus.Dead))
            {
                await HandBackAsync(silo).ConfigureAwait(false);
            }
        }
    }

    private async Task HandBackAsync(string silo)
    {
        var moved = await lists.HandBackAsync(silo, release: true).ConfigureAwait(false);
        if (moved > 0)
        {
            LogHandedBack(logger, moved, silo);
        }
    }

    [LoggerMessage(700, LogLevel.Warning, "Handed {Count} run(s) of dead silo {Silo} back to their queues")]
    private static partial void LogHandedBack(ILogger logger, long count, string silo);

    [LoggerMessage(701, LogLevel.Warning, "Handing back the runs of dead silos failed; trying again")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
