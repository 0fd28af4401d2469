using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using OrleansScheduler.Hosting;
using OrleansScheduler.Testing;

namespace OrleansScheduler.IntegrationTests.Support;

/// <summary>
/// The scheduler cluster with a <see cref="FaultProxy"/> between the silos and Redis (the test's own connection goes
/// straight to Redis) and client timeouts of 1 s, so that a test can stall, hold back or cut the silos' Redis traffic.
/// </summary>
public abstract class ProxiedClusterBase : SchedulerCluster
{
    /// <summary>The proxy the silos' Redis connections go through.</summary>
    public FaultProxy Proxy { get; private set; } = null!;

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

/// <summary>The proxied cluster on one silo, so that a test knows which processing list is whose.</summary>
public sealed class ProxiedRedisCluster : ProxiedClusterBase
{
    /// <summary>The silo's name, as in its processing list's key.</summary>
    public string SiloName => Cluster.GetActiveSilos().Single().SiloAddress.ToParsableString();

    /// <inheritdoc/>
    protected override short Silos => 1;
}

/// <summary>
/// The proxied cluster with reminders that tick only every 5 minutes: a job whose timer stopped can only fire within a
/// test's deadline if the grain re-arms it or the overdue backstop wakes the grain.
/// </summary>
public sealed class ProxiedSlowReminderCluster : ProxiedClusterBase
{
    /// <inheritdoc/>
    protected override void ConfigureSilo(InProcessTestSiloSpecificOptions silo, ISiloBuilder builder) =>
        builder.Services.Configure<JobSchedulerOptions>(options => options.WakeUpPeriod = SlowReminderCluster.WakeUpPeriod);
}
