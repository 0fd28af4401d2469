using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using OrleansScheduler.Hosting;
using OrleansScheduler.Redis;
using StackExchange.Redis;

namespace OrleansScheduler.Execution;

/// <summary>
/// Which silos take runs from which queues, cluster-wide: each silo's entry in <see cref="SchedulerKeys.Consumers"/>
/// (its cluster id and queues), alive for as long as membership says the silo is. A job naming a queue no live silo
/// serves is refused at Schedule, and the queue depths count the consumers of every queue, so runs cannot pile up
/// unseen on a queue nobody drains (a typo, or a queue whose silos were removed).
/// </summary>
internal sealed class QueueConsumers(
    SchedulerRedisConnection connection,
    SchedulerKeys keys,
    IClusterMembershipService membership,
    IOptions<ClusterOptions> cluster,
    IOptions<JobSchedulerOptions> options,
    [FromKeyedServices(JobSchedulerTimeProviderNames.Scheduler)] TimeProvider time)
{
    // Reads for Schedule's check are shared for a few seconds: registrations come in bursts, consumers rarely change.
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(5);

    private volatile Snapshot? _cached;

    /// <summary>
    /// Registers a silo as a consumer of <paramref name="queues"/>. The value never changes while the silo runs, so
    /// writing it again (to heal a Redis that lost it) changes nothing a reader could see.
    /// </summary>
    public async Task RegisterAsync(string silo, IEnumerable<string> queues)
    {
        var db = await connection.GetDatabaseAsync().ConfigureAwait(false);
        await db.HashSetAsync(keys.Consumers, silo, string.Join(' ', [cluster.Value.ClusterId, .. queues])).ConfigureAwait(false);
    }

    /// <summary>Removes a silo's entry (it stopped taking runs).</summary>
    public async Task UnregisterAsync(string silo)
    {
        var db = await connection.GetDatabaseAsync().ConfigureAwait(false);
        await db.HashDeleteAsync(keys.Consumers, silo).ConfigureAwait(false);
    }

    /// <summary>How many live silos take runs from each queue (queues without one are absent). Removes the entries of dead silos.</summary>
    public async Task<IReadOnlyDictionary<string, int>> CountAsync() => (await ReadAsync().ConfigureAwait(false)).Counts;

    /// <summary>
    /// Null when this silo or some other live silo takes runs from <paramref name="queue"/>; otherwise a validation message naming it and the
    /// queues that are served. Reads Redis at most every few seconds, and again before it reports a problem.
    /// </summary>
    public async Task<string?> FindProblemAsync(string queue)
    {
        // This silo is alive and takes runs from its own queues, whether or not its entry is written yet (it is, just
        // after the silo starts).
        if (options.Value.Queues.Contains(queue, StringComparer.Ordinal))
        {
            return null;
        }

        var snapshot = _cached is { } cached && time.GetElapsedTime(cached.ReadAt) < CacheFor && cached.Counts.ContainsKey(queue)
            ? cached
            : await ReadAsync().ConfigureAwait(false);
        if (snapshot.Counts.ContainsKey(queue))
        {
            return null;
        }

        var served = snapshot.Counts.Count == 0 ? "none" : string.Join(", ", snapshot.Counts.Keys.Order(StringComparer.Ordinal));
        return $"queue: no silo takes runs from \"{queue}\" (queues served now: {served}); its runs would wait forever. Start a silo with this queue in Scheduler:Queues first, or name a served queue";
    }

    private async Task<Snapshot> ReadAsync()
    {
        var db = await connection.GetDatabaseAsync().ConfigureAwait(false);
        var entries = await db.HashGetAllAsync(keys.Consumers).ConfigureAwait(false);
        var members = membership.CurrentSnapshot.Members.Values.ToDictionary(m => m.SiloAddress.ToParsableString(), m => m.Status, StringComparer.Ordinal);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var dead = new List<RedisValue>();
        foreach (var entry in entries)
        {
            var parts = ((string?)entry.Value ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 0)
            {
                continue;
            }

            // A silo of this cluster lives while membership says so; one of another cluster under the same service id
            // (blue/green) cannot be checked here and counts until it removes its entry.
            if (parts[0] == cluster.Value.ClusterId)
            {
                var status = members.GetValueOrDefault((string)entry.Name!, SiloStatus.None);
                if (status == SiloStatus.Dead)
                {
                    dead.Add(entry.Name);
                }

                if (status is not (SiloStatus.Active or SiloStatus.ShuttingDown or SiloStatus.Joining))
                {
                    continue;
                }
            }

            foreach (var queue in parts.Skip(1).Distinct(StringComparer.Ordinal))
            {
                counts[queue] = counts.GetValueOrDefault(queue) + 1;
            }
        }

        if (dead.Count > 0)
        {
            await db.HashDeleteAsync(keys.Consumers, [.. dead]).ConfigureAwait(false);
        }

        var snapshot = new Snapshot(counts, time.GetTimestamp());
        _cached = snapshot;
        return snapshot;
    }

    private sealed record Snapshot(IReadOnlyDictionary<string, int> Counts, long ReadAt);
}
