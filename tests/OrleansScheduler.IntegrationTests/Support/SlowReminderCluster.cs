using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using OrleansScheduler.Hosting;

namespace OrleansScheduler.IntegrationTests.Support;

/// <summary>
/// The scheduler cluster with reminders that tick only every 5 minutes and a misfire threshold of 1 s: a job whose
/// timer is gone can only be fired within a test's deadline by the overdue backstop sweep.
/// </summary>
public sealed class SlowReminderCluster : SchedulerCluster
{
    /// <summary>The reminder period of every job.</summary>
    public static readonly TimeSpan WakeUpPeriod = TimeSpan.FromMinutes(5);

    /// <inheritdoc/>
    protected override void ConfigureSilo(InProcessTestSiloSpecificOptions silo, ISiloBuilder builder) =>
        builder.Services.Configure<JobSchedulerOptions>(options =>
        {
            options.WakeUpPeriod = WakeUpPeriod;
            options.MisfireThreshold = TimeSpan.FromSeconds(1);
        });
}
