using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Storage;
using OrleansScheduler.Diagnostics;
using OrleansScheduler.Execution;
using OrleansScheduler.Firing;
using OrleansScheduler.Handlers;
using OrleansScheduler.Inspection;
using OrleansScheduler.Recovery;
using OrleansScheduler.Redis;
using OrleansScheduler.Scheduling;
using OrleansScheduler.Settlement;
using OrleansScheduler.Validation;

namespace OrleansScheduler.Hosting;

/// <summary>Registers the scheduler's silo services. Prefer <see cref="JobSchedulerSiloBuilderExtensions"/> on a silo builder.</summary>
public static class JobSchedulerServiceCollectionExtensions
{
    /// <summary>Adds the scheduler with options from other configuration (e.g. <c>Configure&lt;JobSchedulerOptions&gt;</c>).</summary>
    public static IServiceCollection AddJobScheduler(this IServiceCollection services) => services.AddJobSchedulerCore();

    /// <summary>Adds the scheduler and configures its options.</summary>
    public static IServiceCollection AddJobScheduler(this IServiceCollection services, Action<JobSchedulerOptions> configure)
    {
        services.Configure(configure);
        return services.AddJobSchedulerCore();
    }

    /// <summary>Adds the scheduler with options bound from a configuration section (usually <c>Scheduler</c>).</summary>
    public static IServiceCollection AddJobScheduler(this IServiceCollection services, IConfigurationSection configuration)
    {
        services.Configure<JobSchedulerOptions>(configuration);
        return services.AddJobSchedulerCore();
    }

    /// <summary>
    /// Registers a handler under a name. Jobs name it in <see cref="JobSpec.Handler"/>; it is resolved from DI per run
    /// (register its own dependencies as usual). Safe to call twice with the same name and type.
    /// </summary>
    /// <exception cref="ArgumentException">The name breaks the naming rule (1-100 characters of <c>[A-Za-z0-9._:-]</c>).</exception>
    public static IServiceCollection AddJobHandler<THandler>(this IServiceCollection services, string name)
        where THandler : class, IJobHandler
    {
        var errors = new List<string>();
        JobIds.ValidateName("handler", name, JobSpecValidator.MaxNameLength, errors);
        if (errors.Count > 0)
        {
            throw new ArgumentException(errors[0], nameof(name));
        }

        var registration = new JobHandlerRegistration(name, typeof(THandler));
        if (!services.Any(d => d.ServiceType == typeof(JobHandlerRegistration) && Equals(d.ImplementationInstance, registration)))
        {
            services.AddSingleton(registration);
            services.AddKeyedTransient<IJobHandler, THandler>(name);
        }

        return services;
    }

    private static IServiceCollection AddJobSchedulerCore(this IServiceCollection services)
    {
        services.AddOptions<JobSchedulerOptions>().ValidateOnStart();
        services.PostConfigure<JobSchedulerOptions>(options =>
        {
            if (options.Queues.Count == 0)
            {
                options.Queues.Add(JobSpec.DefaultQueue);
            }
        });
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<JobSchedulerOptions>, JobSchedulerOptionsValidator>());
        if (services.Any(d => d.ServiceType == typeof(RunFetcher)))
        {
            return services;
        }

        services.AddMetrics();
        services.TryAddKeyedSingleton(JobSchedulerTimeProviderNames.Scheduler, TimeProvider.System);
        services.AddSingleton<SchedulerRedisConnection>();
        services.AddSingleton(sp => new SchedulerKeys(sp.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId));
        services.AddSingleton<JobHandlerRegistry>();
        services.AddSingleton<SchedulerInstruments>();
        services.AddSingleton<QueueConsumers>();
        services.AddSingleton<ShutdownSignal>();
        // Schedule and fire.
        services.AddSingleton<JobIndex>();
        services.AddSingleton<RunEnqueuer>();
        // Fetch and execute.
        services.AddSingleton<ProcessingList>();
        services.AddSingleton<RunSlots>();
        services.AddSingleton<RunExecutor>();
        services.AddSingleton<RunAdopter>();
        services.AddSingleton<RunDrain>();
        services.AddSingleton<WakeUps>();
        services.AddSingleton<RunFetcher>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<RunFetcher>());
        // Settle.
        services.AddSingleton<SettlementStore>();
        services.AddSingleton<RunSettler>();
        services.AddSingleton<JobHistory>();
        services.AddSingleton<DeadLetterStore>();
        // Recover and inspect.
        services.AddSingleton<ProcessingLists>();
        services.AddSingleton<RetrySet>();
        services.AddSingleton<QueueDepthReader>();
        services.AddSingleton<RetryPromoter>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<RetryPromoter>());
        services.AddSingleton<DeadSiloRecovery>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<DeadSiloRecovery>());
        services.AddSingleton<OverdueJobSweeper>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<OverdueJobSweeper>());
        services.AddSingleton<ConsumerRegistration>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<ConsumerRegistration>());
        services.AddSingleton<QueueDepthPoller>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<QueueDepthPoller>());
        services.AddHttpClient(HttpJobHandler.ClientName);
        services.AddJobHandler<LogJobHandler>(LogJobHandler.Name);
        services.AddJobHandler<HttpJobHandler>(HttpJobHandler.Name);
        services.AddJobHandler<NoopJobHandler>(NoopJobHandler.Name);

        services.AddRedisGrainStorage(JobSchedulerOptions.StorageName, builder => builder.Configure<SchedulerRedisConnection, IServiceProvider>((options, connection, sp) =>
        {
            options.ConfigurationOptions = connection.Configuration;
            options.CreateMultiplexer = async _ => (await connection.GetMultiplexerAsync().ConfigureAwait(false), true);
            // The Orleans serializer with [Alias]ed types: stored jobs survive renames of the C# types.
            options.GrainStorageSerializer = new OrleansGrainStorageSerializer(sp.GetRequiredService<Orleans.Serialization.Serializer>());
            options.DeleteStateOnClear = true;
        }));

        // The silo's reminder table, on the same connection, unless the host registered one of its own first.
        if (!services.Any(d => d.ServiceType == typeof(IReminderTable)))
        {
            services.UseRedisReminderService(_ => { });
            services.AddOptions<RedisReminderTableOptions>().Configure<SchedulerRedisConnection>((options, connection) =>
            {
                options.ConfigurationOptions = connection.Configuration;
                options.CreateMultiplexer = async _ => (await connection.GetMultiplexerAsync().ConfigureAwait(false), true);
            });
        }

        services.AddOptions<ReminderOptions>().Configure<IOptions<JobSchedulerOptions>>((reminders, scheduler) =>
        {
            if (scheduler.Value.WakeUpPeriod < reminders.MinimumReminderPeriod)
            {
                reminders.MinimumReminderPeriod = scheduler.Value.WakeUpPeriod;
            }
        });
        return services;
    }
}
