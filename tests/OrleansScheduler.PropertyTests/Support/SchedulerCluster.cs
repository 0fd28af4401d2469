using Microsoft.Extensions.DependencyInjection;
using OrleansScheduler.Hosting;
using OrleansScheduler.Testing.InProcess;

namespace OrleansScheduler.PropertyTests.Support;

/// <summary>
/// The shared in-process cluster (a real redis-server, two silos, the scheduler's default options) with one extra
/// handler, <see cref="AcceptAnyPayloadHandler"/>. One per test class, each with its own Redis.
/// </summary>
public sealed class SchedulerCluster : SchedulerTestCluster
{
    /// <inheritdoc/>
    protected override void AddHandlers(IServiceCollection services) =>
        services.AddJobHandler<AcceptAnyPayloadHandler>(AcceptAnyPayloadHandler.Name);
}
