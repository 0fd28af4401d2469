using Microsoft.Extensions.Logging;
using OrleansScheduler.Hosting;
using OrleansScheduler.Redis;
using StackExchange.Redis;

namespace OrleansScheduler.Dispatching;

/// <summary>
/// Watches cluster membership and, when a silo is declared dead, hands the runs in its processing list back to their
/// queues. Every survivor tries; the recovery script makes each run move exactly once. At start it also recovers the
/// lists of silos that died while no silo was watching.
/// </summary>
internal sealed partial class OrphanRecovery(
    RunMaintenance maintenance,
    IClusterMembershipService membership,
    ILocalSiloDetails localSilo,
    ILogger<OrphanRecovery> logger) : SiloBackgroundService
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(2);

    private readonly HashSet<string> _recovered = new(StringComparer.Ordinal);

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        await RecoverDeadAsync(membership.CurrentSnapshot, includeLeftovers: true, stopping).ConfigureAwait(false);
        try
        {
            await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(stopping).ConfigureAwait(false))
            {
                await RecoverDeadAsync(snapshot, includeLeftovers: false, stopping).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // Shutting down.
        }
    }

    private async Task RecoverDeadAsync(ClusterMembershipSnapshot snapshot, bool includeLeftovers, CancellationToken stopping)
    {
        var dead = snapshot.Members.Values
            .Where(m => m.Status == SiloStatus.Dead && !m.SiloAddress.Equals(localSilo.SiloAddress))
            .Select(m => m.SiloAddress.ToParsableString())
            .Where(name => !_recovered.Contains(name))
            .ToList();
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                if (includeLeftovers)
                {
                    var known = snapshot.Members.Values.ToDictionary(m => m.SiloAddress.ToParsableString(), m => m.Status, StringComparer.Ordinal);
                    // A list whose silo is dead, or gone from membership altogether, belongs to nobody.
                    dead.AddRange((await maintenance.GetSilosWithProcessingListsAsync().ConfigureAwait(false))
                        .Where(name => !known.TryGetValue(name, out var status) || status == SiloStatus.Dead)
                        .Where(name => name != localSilo.SiloAddress.ToParsableString() && !dead.Contains(name)));
                    includeLeftovers = false;
                }

                foreach (var silo in dead)
                {
                    var moved = await maintenance.RecoverAsync(silo).ConfigureAwait(false);
                    _recovered.Add(silo);
                    if (moved > 0)
                    {
                        LogRecovered(logger, moved, silo);
                    }
                }

                return;
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                LogFailed(logger, ex);
                try
                {
                    await Task.Delay(RetryDelay, stopping).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    [LoggerMessage(700, LogLevel.Warning, "Recovered {Count} unfinished run(s) of dead silo {Silo}: back on their queues")]
    private static partial void LogRecovered(ILogger logger, long count, string silo);

    [LoggerMessage(701, LogLevel.Warning, "Recovering runs of dead silos failed; trying again")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
