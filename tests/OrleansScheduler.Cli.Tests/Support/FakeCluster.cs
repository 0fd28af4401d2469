using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;
using OrleansScheduler.Cli.Cluster;

namespace OrleansScheduler.Cli.Tests.Support;

/// <summary>An in-memory cluster: job grains, an admin grain, a job index, and a record of the connections made.</summary>
internal sealed class FakeCluster : IClusterConnector
{
    private readonly ConcurrentDictionary<string, FakeJobGrain> _grains = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _index = new(StringComparer.Ordinal);

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));

    /// <summary>The settings of every connection made, in order.</summary>
    public ConcurrentQueue<ConnectionSettings> Connections { get; } = new();

    /// <summary>When set, connecting fails with this error.</summary>
    public CliException? ConnectFailure { get; set; }

    /// <summary>The admin grain every session returns.</summary>
    public FakeAdminGrain Admin { get; } = new();

    public FakeJobGrain Grain(string id) => _grains.GetOrAdd(id, key => new FakeJobGrain(key, this));

    public void Index(string id) => _index.TryAdd(id, 0);

    public Task<IClusterSession> ConnectAsync(ConnectionSettings settings, CancellationToken cancellationToken)
    {
        Connections.Enqueue(settings);
        return ConnectFailure is { } failure ? Task.FromException<IClusterSession>(failure) : Task.FromResult<IClusterSession>(new Session(this));
    }

    private sealed class Session(FakeCluster cluster) : IClusterSession
    {
        public IJobGrain GetJob(string id) => cluster.Grain(id);

        public ISchedulerAdminGrain GetAdmin() => cluster.Admin;

        public Task<IReadOnlyList<string>> ListJobIdsAsync(CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<string>>([.. cluster._index.Keys.Order(StringComparer.Ordinal)]);

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
