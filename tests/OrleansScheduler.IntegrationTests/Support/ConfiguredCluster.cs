using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using OrleansScheduler.Hosting;

namespace OrleansScheduler.IntegrationTests.Support;

/// <summary>
/// The scheduler cluster with scheduler options bound from configuration keys, as a silo binds its <c>Scheduler</c>
/// section: a fixture names the settings it needs by their configuration keys.
/// </summary>
public abstract class ConfiguredCluster : SchedulerCluster
{
    /// <summary>Scheduler settings by configuration key (e.g. <c>DeadLetterLimit</c>), applied on every silo.</summary>
    protected abstract IReadOnlyDictionary<string, string?> Settings { get; }

    /// <inheritdoc/>
    protected override void ConfigureSilo(InProcessTestSiloSpecificOptions silo, ISiloBuilder builder) =>
        builder.Services.Configure<JobSchedulerOptions>(new ConfigurationBuilder().AddInMemoryCollection(Settings).Build());
}

/// <summary>Dead letters capped at 5 and kept for 20 s.</summary>
public sealed class DeadLetterLimitCluster : ConfiguredCluster
{
    /// <summary>The cap on dead letters.</summary>
    public const int Limit = 5;

    /// <summary>How long a dead letter is kept.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromSeconds(20);

    /// <inheritdoc/>
    protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["DeadLetterLimit"] = "5",
        ["DeadLetterRetention"] = "00:00:20",
    };
}
