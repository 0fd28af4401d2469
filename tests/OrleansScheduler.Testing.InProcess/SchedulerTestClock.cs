using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.Reminders;
using Orleans.Reminders.Diagnostics;
using Orleans.TestingHost;
using OrleansScheduler.Hosting;

namespace OrleansScheduler.Testing.InProcess;

/// <summary>
/// One fake clock for everything that decides when a job fires, on every silo of a cluster: the scheduler's keyed
/// clock, the default <see cref="TimeProvider"/> that grain timers run on (<c>TimeProviderNames.Grains</c>) and the
/// reminders' keyed clock. Orleans' own background areas (membership, messaging, directory, system timers) stay on
/// real time, so that advancing never resumes them inline. Modelled on Orleans' <c>ReminderTestClock</c>.
/// </summary>
/// <remarks>
/// <para>
/// <see cref="FakeTimeProvider.Advance"/> runs every timer that falls due on the calling thread, and a grain timer's
/// callback only puts the tick on its activation's queue. So once <see cref="AdvanceAsync(TimeSpan, CancellationToken)"/>
/// returns, any call to the job's grain (the grain is not reentrant) runs after the evaluation the tick started: that
/// call is the test's barrier. Reminder ticks are delivered asynchronously: wait for their outcome.
/// </para>
/// <para>
/// Redis's clock stays real, and the enqueue script refuses occurrences later than Redis's time plus
/// <see cref="JobSchedulerOptions.MaxClockSkew"/>. The clock therefore starts <see cref="StartBehind"/> behind real
/// time and refuses to be advanced past it. Everything waiting on the scheduler's clock waits until the test advances
/// it: retry promotion, queue-depth polls, run timeouts.
/// </para>
/// </remarks>
public sealed class SchedulerTestClock : IDisposable
{
    /// <summary>How far behind real time the clock starts: the budget a fixture's tests can advance it by, in all.</summary>
    public static readonly TimeSpan StartBehind = TimeSpan.FromHours(1);

    /// <summary>How often, in fake time, each silo's reminder service reads the reminder table again.</summary>
    public static readonly TimeSpan RefreshReminderListPeriod = TimeSpan.FromSeconds(1);

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly SemaphoreSlim _advanceLock = new(1, 1);
    private readonly ConcurrentDictionary<SiloAddress, bool> _remindersStarted = new();
    private readonly ConcurrentDictionary<GrainId, int> _reminderTicks = new();
    private readonly IDisposable _serviceEvents;
    private readonly IDisposable _reminderEvents;

    /// <summary>A clock <see cref="StartBehind"/> behind real time, on a whole second.</summary>
    public SchedulerTestClock()
    {
        var start = TimeProvider.System.GetUtcNow() - StartBehind;
        Time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(start.ToUnixTimeSeconds()));
        // Reminder services start only after their first (fake) refresh tick: the fixture waits for each one's event.
        _serviceEvents = ReminderEvents.ServiceEvents.Subscribe(new Observer<ReminderEvents.ReminderServiceEvent>(OnServiceEvent));
        _reminderEvents = ReminderEvents.AllEvents.Subscribe(new Observer<ReminderEvents.ReminderEvent>(OnReminderEvent));
    }

    /// <summary>The fake clock itself.</summary>
    public FakeTimeProvider Time { get; }

    /// <summary>The time now, on the fake clock.</summary>
    public DateTimeOffset UtcNow => Time.GetUtcNow();

    /// <summary>Puts the clock on a silo: call it last in the silo's configuration (later registrations win).</summary>
    public void AddTo(IServiceCollection services)
    {
        // Grain timers (TimeProviderNames.Grains resolves the default provider) and the test handlers.
        services.AddSingleton<TimeProvider>(Time);
        // Every other keyed Orleans area on real time; the two areas registered below by their own keys win over it.
        services.UseTimeProviderForBackgroundAreas(TimeProvider.System);
        services.AddKeyedSingleton<TimeProvider>(JobSchedulerTimeProviderNames.Scheduler, Time);
        services.AddKeyedSingleton<TimeProvider>(ReminderTimeProviderNames.Reminders, Time);
        services.PostConfigure<ReminderOptions>(options =>
        {
            options.RefreshReminderListPeriod = RefreshReminderListPeriod;
            options.InitializationTimeout = TimeSpan.FromSeconds(30);
        });
    }

    /// <summary>
    /// Advances the clock until every silo's reminder service has done its first read of the reminder table (it waits
    /// for a tick of the fake clock) and registering a reminder no longer waits for it.
    /// </summary>
    public async Task StartRemindersAsync(InProcessTestCluster cluster)
    {
        var silos = cluster.GetActiveSilos().Select(s => s.SiloAddress).ToList();
        using var deadline = new CancellationTokenSource(StartTimeout);
        while (!silos.All(_remindersStarted.ContainsKey))
        {
            await AdvanceAsync(RefreshReminderListPeriod, deadline.Token).ConfigureAwait(false);
            await Task.Delay(TimeSpan.FromMilliseconds(200), deadline.Token).ConfigureAwait(false);
        }
    }

    /// <summary>Advances the clock by <paramref name="amount"/>, running every timer that falls due on this thread.</summary>
    /// <exception cref="InvalidOperationException">The clock would pass real time: Redis would refuse what falls due.</exception>
    public async Task AdvanceAsync(TimeSpan amount, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(amount, TimeSpan.Zero);
        await _advanceLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (UtcNow + amount > TimeProvider.System.GetUtcNow())
            {
                throw new InvalidOperationException($"The fake clock ({UtcNow:O}) may not pass real time: Redis refuses occurrences later than its own clock allows. Give the fixture fewer or shorter advances.");
            }

            Time.Advance(amount);
        }
        finally
        {
            _advanceLock.Release();
        }

        await Task.Yield();
    }

    /// <summary>
    /// Advances the clock <paramref name="steps"/> times by <paramref name="step"/>, awaiting <paramref name="barrier"/>
    /// after each step (typically a call to the job's grain, which runs after the tick the step queued).
    /// </summary>
    public async Task AdvanceAsync(TimeSpan step, int steps, Func<Task> barrier)
    {
        ArgumentNullException.ThrowIfNull(barrier);
        for (var i = 0; i < steps; i++)
        {
            await AdvanceAsync(step).ConfigureAwait(false);
            await barrier().ConfigureAwait(false);
        }
    }

    /// <summary>How many reminder ticks <paramref name="grain"/> has received (its <c>ReceiveReminder</c> returned or threw).</summary>
    public int ReminderTicks(GrainId grain) => _reminderTicks.GetValueOrDefault(grain);

    /// <summary>
    /// Waits until <paramref name="grain"/> has received more than <paramref name="seen"/> reminder ticks (from
    /// <see cref="ReminderTicks"/>). Reminder ticks reach the grain asynchronously: this is their barrier.
    /// </summary>
    public Task WaitForReminderTickAsync(GrainId grain, int seen, TimeSpan? timeout = null) =>
        Eventually.TrueAsync(() => Task.FromResult(ReminderTicks(grain) > seen), $"a reminder tick of {grain} after the {seen} seen", timeout);

    /// <summary>Stops listening for reminder events.</summary>
    public void Dispose()
    {
        _serviceEvents.Dispose();
        _reminderEvents.Dispose();
        _advanceLock.Dispose();
    }

    // Listeners are process-wide: other fixtures' silos and grains are recorded too, and never asked for.
    private void OnServiceEvent(ReminderEvents.ReminderServiceEvent value)
    {
        if (value is ReminderEvents.ReminderServiceStarted { SiloAddress: { } silo })
        {
            _remindersStarted[silo] = true;
        }
    }

    private void OnReminderEvent(ReminderEvents.ReminderEvent value)
    {
        // Emitted once the grain's ReceiveReminder has returned (or thrown).
        if (value is ReminderEvents.TickCompleted or ReminderEvents.TickFailed)
        {
            _reminderTicks.AddOrUpdate(value.GrainId, 1, static (_, count) => count + 1);
        }
    }

    private sealed class Observer<T>(Action<T> onNext) : IObserver<T>
    {
        public void OnNext(T value) => onNext(value);

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }
    }
}
