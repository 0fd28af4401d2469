using OrleansScheduler.Testing;

namespace OrleansScheduler.IntegrationTests.Support;

/// <summary>
/// The scheduler cluster on one silo, with a <see cref="FaultProxy"/> between it and Redis (the test's own connection
/// goes straight to Redis) and client timeouts of 1 s, so that a test can hold Redis's replies back and make the silo's
/// calls time out although Redis ran them.
/// </summary>
public sealed class ProxiedRedisCluster : SchedulerCluster
{
    /// <summary>The proxy the silo's Redis connection goes through.</summary>
    public FaultProxy Proxy { get; private set; } = null!;

    /// <summary>The silo's name, as in its processing list's key.</summary>
    public string SiloName => Cluster.GetActiveSilos().Single().SiloAddress.ToParsableString();

    /// <inheritdoc/>
    protected override short Silos => 1;

    /// <inheritdoc/>
    protected override string SiloRedis => $"{Proxy.Address},asyncTimeout=1000,syncTimeout=1000";

    /// <inheritdoc/>
    public override async Task DisposeAsync()
    {
        Proxy.Resume();
        await base.DisposeAsync();
        await Proxy.DisposeAsync();
    }

    /// <inheritdoc/>
    protected override async Task StartingAsync() => Proxy = await FaultProxy.StartAsync("127.0.0.1", Redis.Port);
}
