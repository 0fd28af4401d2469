using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using OrleansScheduler.Hosting;
using OrleansScheduler.Testing;

namespace OrleansScheduler.IntegrationTests.Support;

/// <summary>
/// Reminders every 5 minutes, a misfire threshold of 1 s, and a scheduler clock a test moves ahead to make a job due
/// without waiting: only a sweep that evaluates the job can fire it within a test's deadline. Redis allows the scheduler's
/// clock to run up to an hour ahead of its own (<c>MaxClockSkew</c>), so that moving it is not taken for a broken clock.
/// </summary>
public sealed class ShiftedClockSlowReminderCluster : SchedulerCluster
{
    /// <summary>The scheduler's clock on every silo.</summary>
    public ShiftedTimeProvider Clock { get; } = new();

    /// <inheritdoc/>
    protected override void ConfigureSilo(InProcessTestSiloSpecificOptions silo, ISiloBuilder builder)
    {
        builder.Services.AddKeyedSingleton<TimeProvider>(JobSchedulerTimeProviderNames.Scheduler, Clock);
        builder.Services.Configure<JobSchedulerOptions>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["WakeUpPeriod"] = "00:05:00",
            ["MisfireThreshold"] = "00:00:01",
            ["MaxClockSkew"] = "01:00:00",
        }).Build());
    }
}
