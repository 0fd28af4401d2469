using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using OrleansScheduler.Hosting;

namespace OrleansScheduler.IntegrationTests.Support;

/// <summary>The scheduler cluster where the second silo also takes runs from the queue <see cref="Queue"/>; the first serves only <c>default</c>.</summary>
public sealed class ExtraQueueCluster : SchedulerCluster
{
    /// <summary>The queue only the second silo serves.</summary>
    public const string Queue = "extra";

    /// <summary>The name of the silo that serves <see cref="Queue"/>.</summary>
    public const string ServingSilo = "Silo_1";

    /// <inheritdoc/>
    protected override void ConfigureSilo(InProcessTestSiloSpecificOptions silo, ISiloBuilder builder)
    {
        if (silo.SiloName == ServingSilo)
        {
            builder.Services.Configure<JobSchedulerOptions>(options => options.Queues = [JobSpec.DefaultQueue, Queue]);
        }
    }
}
