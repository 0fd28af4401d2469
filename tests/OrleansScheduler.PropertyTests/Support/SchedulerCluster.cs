using Orleans.TestingHost;
using OrleansScheduler.Hosting;
using OrleansScheduler.Testing;
using StackExchange.Redis;

namespace OrleansScheduler.PropertyTests.Support;

/// <summary>
/// A real redis-server and a two-silo Orleans test cluster keeping job state and reminders in it, as in the
/// integration tests (<c>tests/OrleansScheduler.IntegrationTests/Support/SchedulerCluster.cs</c>), with one extra
/// handler, <see cref="AcceptAnyPayloadHandler"/>. One per test class, each with its own Redis.
/// </summary>
public sealed class SchedulerCluster : IAsyncLifetime
{
    /// <summary>The Redis server the silos use.</summary>
    public RedisServer Redis { get; private set; } = null!;

    /// <summary>The two-silo cluster.</summary>
    public InProcessTestCluster Cluster { get; private set; } = null!;

    /// <summary>A connection of the test's own, to read Redis directly.</summary>
    public ConnectionMultiplexer Connection { get; private set; } = null!;

    /// <summary>The cluster client's grain factory.</summary>
    public IGrainFactory Grains => Cluster.Client;

    /// <inheritdoc/>
    public async Task InitializeAsync()
    {
        Redis = await RedisServer.StartAsync();
        Connection = await Redis.ConnectAsync();
        var builder = new InProcessTestClusterBuilder(2);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddJobScheduler(options => options.Redis = Redis.ConnectionString);
            silo.Services.AddJobHandler<AcceptAnyPayloadHandler>(AcceptAnyPayloadHandler.Name);
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    /// <inheritdoc/>
    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        await Connection.DisposeAsync();
        await Redis.DisposeAsync();
    }

    /// <summary>The job grain with id <paramref name="id"/>.</summary>
    public IJobGrain Job(string id) => Grains.GetGrain<IJobGrain>(id);

    /// <summary>Every key in Redis with its serialized value, to prove an operation changed nothing.</summary>
    public Task<IReadOnlyDictionary<string, string>> SnapshotAsync() => Redis.SnapshotAsync();
}
