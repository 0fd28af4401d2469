using Microsoft.Extensions.DependencyInjection;
using Orleans.Metadata;
using Orleans.Serialization;
using Orleans.Serialization.TypeSystem;
using OrleansScheduler.Execution;
using OrleansScheduler.Firing;
using OrleansScheduler.Inspection;
using OrleansScheduler.Scheduling;

namespace OrleansScheduler.Tests.Storage;

/// <summary>
/// Pins the grain identities the cluster sees on the wire and in Redis. Silos of two versions call each other during a
/// rolling deploy (the sweeps call <see cref="IJobSweepGrain"/> across silos), and the job's grain type is part of its
/// state key (<c>{service}/state/job/{id}/job</c>). Without an alias or a grain type these follow the namespace and the
/// class name, so moving a file would change them. If one of these fails, restore the attribute; don't update the pin.
/// </summary>
public sealed class GrainIdentityTests
{
    private static readonly IServiceProvider Services = new ServiceCollection().AddSerializer().BuildServiceProvider();

    [Theory]
    [InlineData(typeof(IJobGrain), "OrleansScheduler.IJobGrain")]
    [InlineData(typeof(IJobSweepGrain), "OrleansScheduler.Grains.IJobSweepGrain")]
    [InlineData(typeof(IRunWorkerGrain), "OrleansScheduler.Grains.IRunWorkerGrain")]
    [InlineData(typeof(ISchedulerAdminGrain), "OrleansScheduler.ISchedulerAdminGrain")]
    public void GrainInterfaceType_IsPinned(Type grainInterface, string expected)
    {
        var resolver = new GrainInterfaceTypeResolver(
            [new AttributeGrainInterfaceTypeProvider(Services)], Services.GetRequiredService<TypeConverter>());

        Assert.Equal(expected, resolver.GetGrainInterfaceType(grainInterface).ToString());
    }

    [Theory]
    [InlineData(typeof(JobGrain), "job")]
    [InlineData(typeof(RunWorkerGrain), "runworker")]
    [InlineData(typeof(SchedulerAdminGrain), "scheduleradmin")]
    public void GrainType_IsPinned(Type grainClass, string expected)
    {
        var resolver = new GrainTypeResolver([new AttributeGrainTypeProvider(Services)], Services.GetRequiredService<TypeConverter>());

        Assert.Equal(expected, resolver.GetGrainType(grainClass).ToString());
    }
}
