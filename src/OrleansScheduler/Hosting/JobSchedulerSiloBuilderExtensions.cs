using Microsoft.Extensions.Configuration;

namespace OrleansScheduler.Hosting;

/// <summary>Adds OrleansScheduler to an Orleans silo.</summary>
public static class JobSchedulerSiloBuilderExtensions
{
    /// <summary>Adds the scheduler with options from other configuration.</summary>
    public static ISiloBuilder AddJobScheduler(this ISiloBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddJobScheduler();
        return builder;
    }

    /// <summary>
    /// Adds the scheduler: job grains with Redis grain storage, a Redis reminder table (unless the silo has one),
    /// the run fetcher and the built-in <c>log</c> and <c>http</c> handlers. Add your own handlers with
    /// <c>services.AddJobHandler&lt;T&gt;("name")</c>.
    /// </summary>
    public static ISiloBuilder AddJobScheduler(this ISiloBuilder builder, Action<JobSchedulerOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddJobScheduler(configure);
        return builder;
    }

    /// <summary>Adds the scheduler with options bound from a configuration section (usually <c>Scheduler</c>).</summary>
    public static ISiloBuilder AddJobScheduler(this ISiloBuilder builder, IConfigurationSection configuration)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddJobScheduler(configuration);
        return builder;
    }
}
