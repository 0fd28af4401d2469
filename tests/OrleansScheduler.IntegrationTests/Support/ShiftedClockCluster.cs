using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using OrleansScheduler.Hosting;
using OrleansScheduler.Testing;

namespace OrleansScheduler.IntegrationTests.Support;

/// <summary>The scheduler cluster with the scheduler's clock on both silos replaced by one a test can move (Redis keeps the real time).</summary>
public sealed class ShiftedClockCluster : SchedulerCluster
{
    /// <summary>The scheduler's clock on every silo.</summary>
    public ShiftedTimeProvider Clock { get; } = new();

    /// <inheritdoc/>
    protected override void ConfigureSilo(InProcessTestSiloSpecificOptions silo, ISiloBuilder builder) =>
        builder.Services.AddKeyedSingleton<TimeProvider>(JobSchedulerTimeProviderNames.Scheduler, Clock);
}
