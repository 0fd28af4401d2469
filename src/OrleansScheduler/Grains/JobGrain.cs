using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansScheduler.Diagnostics;
using OrleansScheduler.Handlers;
using OrleansScheduler.Hosting;
using OrleansScheduler.Redis;
using OrleansScheduler.Scheduling;
using OrleansScheduler.Validation;

namespace OrleansScheduler.Grains;

/// <summary>
/// One job. Its definition is grain state in Redis; a durable reminder wakes it every
/// <see cref="JobSchedulerOptions.WakeUpPeriod"/> after restarts, and while active a grain timer fires each
/// occurrence at its exact time. Every wake-up works out what is due from the last enqueued occurrence (kept in
/// Redis by the enqueue script itself), so missed occurrences are noticed and nothing is enqueued twice.
/// </summary>
internal sealed partial class JobGrain : Grain, IJobGrain, IRemindable
{
    internal const string ReminderName = "osched-wake";

    // The timer is armed only for occurrences the next reminder tick would reach late.
    private static readonly TimeSpan TimerMargin = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan MinimumHandOffDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan HandOffTimeout = TimeSpan.FromSeconds(5);

    // Skipped occurrences beyond this many are summarised in one history entry instead of one entry each.
    private const int SkippedDetailLimit = 100;

    private readonly IPersistentState<JobState> _state;
    private readonly RunQueue _queue;
    private readonly JobRecords _records;
    private readonly JobHandlerRegistry _handlers;
    private readonly JobSchedulerOptions _options;
    private readonly TimeProvider _time;
    private readonly SchedulerInstruments _instruments;
    private readonly ILogger<JobGrain> _logger;
    private CompiledSchedule? _schedule;
    private DateTimeOffset? _lastEnqueued;
    private IGrainTimer? _timer;
    private int _failedEnqueues;
    private DateTimeOffset? _indexedDue;
    private bool _dueIndexed;

    // Set when an enqueue failed on the client: its script may still have run in Redis (a timeout while Redis was
    // frozen), so the last enqueued occurrence is re-read before anything is planned from it.
    private bool _lastEnqueuedUncertain;

    public JobGrain(
        [PersistentState("job", JobSchedulerOptions.StorageName)] IPersistentState<JobState> state,
        RunQueue queue,
        JobRecords records,
        JobHandlerRegistry handlers,
        IOptions<JobSchedulerOptions> options,
        [FromKeyedServices(JobSchedulerTimeProviderNames.Scheduler)] TimeProvider time,
        SchedulerInstruments instruments,
        ILogger<JobGrain> logger)
    {
        _state = state;
        _queue = queue;
        _records = records;
        _handlers = handlers;
        _options = options.Value;
        _time = time;
        _instruments = instruments;
        _logger = logger;
    }

    private string JobId => this.GetPrimaryKeyString();

    private JobSpec? Spec => _state.State.Spec;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (Spec is null)
        {
            return;
        }

        _schedule = CompiledSchedule.TryCompile(Spec.Schedule, new List<string>());
        _lastEnqueued = await _records.GetLastEnqueuedAsync(JobId).ConfigureAwait(true);
        // Heals the index if a previous activation stopped between the state write and the index write.
        await _records.AddToIndexAsync(JobId).ConfigureAwait(true);
        await EvaluateAsync().ConfigureAwait(true);
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        CancelTimer();
        if (Spec is null || _state.State.Paused || NextDue() is not { } next)
        {
            return;
        }

        var delay = next - _time.GetUtcNow();
        if (delay >= _options.WakeUpPeriod)
        {
            return;
        }

        // Leaving (a silo stopping, a rebalance): without this the job would sleep until its reminder's next regular
        // tick, up to a whole wake-up period late. Re-registered due at the next occurrence, the reminder wakes the
        // job on time on whichever silo owns it next.
        try
        {
            await this.RegisterOrUpdateReminder(ReminderName, delay > MinimumHandOffDelay ? delay : MinimumHandOffDelay, _options.WakeUpPeriod, cancellationToken)
                .WaitAsync(HandOffTimeout, cancellationToken).ConfigureAwait(true);
            LogHandedOff(_logger, JobId, reason.ReasonCode.ToString(), next);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The regular reminder tick still wakes the job, only later; the misfire policy covers the gap.
            LogHandOffFailed(_logger, JobId, ex);
        }
    }

    public async Task<JobInfo> Schedule(JobSpec spec)
    {
        var errors = JobSpecValidator.Validate(JobId, spec).ToList();
        if (errors.Count == 0)
        {
            await using var scope = ServiceProvider.CreateAsyncScope();
            _handlers.Validate(scope.ServiceProvider, spec.Handler, spec.Payload, errors);
        }

        if (errors.Count > 0)
        {
            LogRejected(_logger, JobId, string.Join("; ", errors));
            throw new JobValidationException(errors);
        }

        var now = _time.GetUtcNow();
        var resolved = Normalize(spec!, now);
        if (resolved == Spec)
        {
            return await GetInfoAsync().ConfigureAwait(true);
        }

        var created = Spec is null;
        _state.State.Spec = resolved;
        _state.State.UpdatedAt = now;
        // Every enqueue of this definition links to the call that made it; a call that was not traced leaves no link.
        var caller = TraceContext.Capture(Activity.Current);
        (_state.State.TraceParent, _state.State.TraceState) = (caller?.TraceParent, caller?.TraceState);
        if (created)
        {
            _state.State.CreatedAt = now;
        }

        // A one-shot whose instant has passed runs now; otherwise only occurrences after this moment are due.
        _state.State.CatchUpFrom = resolved.Schedule is { Kind: ScheduleKind.Once, At: { } at } && at <= now && at > DateTimeOffset.MinValue ? at.AddTicks(-1) : now;
        await _state.WriteStateAsync().ConfigureAwait(true);
        _lastEnqueued = null;
        _schedule = CompiledSchedule.Compile(resolved.Schedule);
        var due = NextDue();
        // Independent writes, issued together: registration pays for the slowest, not for the sum.
        await Task.WhenAll(
            _records.StartDefinitionAsync(JobId, due),
            this.RegisterOrUpdateReminder(ReminderName, _options.WakeUpPeriod, _options.WakeUpPeriod)).ConfigureAwait(true);
        (_indexedDue, _dueIndexed) = (due, true);
        LogScheduled(_logger, JobId, resolved.Schedule.ToString(), resolved.Handler, created);
        await EvaluateAsync().ConfigureAwait(true);
        // A new job has no history yet (deleting a job deletes its records): nothing to read back.
        return created ? CreateInfo(null, RunCounts.Empty, null) : await GetInfoAsync().ConfigureAwait(true);
    }

    public async Task<JobInfo?> Get() => Spec is null ? null : await GetInfoAsync().ConfigureAwait(true);

    public async Task<JobInfo> Pause()
    {
        EnsureExists();
        if (!_state.State.Paused)
        {
            _state.State.Paused = true;
            _state.State.UpdatedAt = _time.GetUtcNow();
            await _state.WriteStateAsync().ConfigureAwait(true);
            CancelTimer();
            await UnregisterReminderAsync().ConfigureAwait(true);
            await SyncDueIndexAsync().ConfigureAwait(true);
            LogPaused(_logger, JobId);
        }

        return await GetInfoAsync().ConfigureAwait(true);
    }

    public async Task<JobInfo> Resume()
    {
        EnsureExists();
        if (_state.State.Paused)
        {
            var now = _time.GetUtcNow();
            _state.State.Paused = false;
            _state.State.UpdatedAt = now;
            // Occurrences that fell in the pause are not misfires: resume continues from now.
            _state.State.CatchUpFrom = now;
            await _state.WriteStateAsync().ConfigureAwait(true);
            await this.RegisterOrUpdateReminder(ReminderName, _options.WakeUpPeriod, _options.WakeUpPeriod).ConfigureAwait(true);
            LogResumed(_logger, JobId);
            await EvaluateAsync().ConfigureAwait(true);
        }

        return await GetInfoAsync().ConfigureAwait(true);
    }

    public async Task<string> Trigger()
    {
        var spec = EnsureExists();
        var now = _time.GetUtcNow();
        var runId = $"{JobId}@manual-{Json.JobDefinition.FormatInstant(now)}-{Guid.NewGuid().ToString("N")[..8]}";
        // A trigger is an operator's explicit request: it runs even when the overlap policy would skip an occurrence.
        await EnqueueTracedAsync(CreateMessage(spec, runId, now, now), scheduled: false, skipIfActive: false, nextDue: null).ConfigureAwait(true);
        _instruments.RecordEnqueued(manual: true);
        LogTriggered(_logger, JobId, runId);
        return runId;
    }

    public async Task<bool> Delete()
    {
        if (Spec is null)
        {
            return false;
        }

        CancelTimer();
        await UnregisterReminderAsync().ConfigureAwait(true);
        await _state.ClearStateAsync().ConfigureAwait(true);
        _state.State = new JobState();
        await _records.DeleteAsync(JobId).ConfigureAwait(true);
        _schedule = null;
        _lastEnqueued = null;
        LogDeleted(_logger, JobId);
        DeactivateOnIdle();
        return true;
    }

    public Task<IReadOnlyList<RunRecord>> GetHistory(int limit)
    {
        if (limit is < 1 or > 1000)
        {
            throw new JobValidationException([$"limit: {limit} is outside 1-1000"]);
        }

        return Spec is null ? Task.FromResult<IReadOnlyList<RunRecord>>([]) : _records.GetHistoryAsync(JobId, limit);
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (Spec is null || _state.State.Paused)
        {
            // A reminder that outlived its job (or a pause) has nothing to wake.
            await UnregisterReminderAsync().ConfigureAwait(true);
            return;
        }

        await EvaluateAsync(reminderTick: true).ConfigureAwait(true);
    }

    private async Task UnregisterReminderAsync()
    {
        if (await this.GetReminder(ReminderName).ConfigureAwait(true) is { } reminder)
        {
            await this.UnregisterReminder(reminder).ConfigureAwait(true);
        }
    }

    private async Task<JobInfo> GetInfoAsync()
    {
        var (lastRun, counts, lastMissed) = await _records.GetSummaryAsync(JobId).ConfigureAwait(true);
        return CreateInfo(lastRun, counts, lastMissed);
    }

    private JobInfo CreateInfo(RunRecord? lastRun, RunCounts counts, MissedRun? lastMissed) =>
        new()
        {
            Id = JobId,
            Spec = Spec!,
            Paused = _state.State.Paused,
            NextDue = NextDue(),
            LastRun = lastRun,
            Counts = counts,
            CreatedAt = _state.State.CreatedAt,
            UpdatedAt = _state.State.UpdatedAt,
            LastEnqueued = _lastEnqueued,
            LastMissed = lastMissed,
        };

    private JobSpec EnsureExists() => Spec ?? throw new JobNotFoundException(JobId);

    /// <summary>
    /// Gives an interval without an anchor the anchor it already has (same interval) or now, and cuts instants to
    /// whole milliseconds: occurrences are stored and compared in milliseconds, so finer ticks would make an
    /// occurrence look not yet enqueued after a reactivation.
    /// </summary>
    private JobSpec Normalize(JobSpec spec, DateTimeOffset now)
    {
        var schedule = spec.Schedule;
        switch (schedule.Kind)
        {
            case ScheduleKind.Interval:
                var anchor = schedule.Anchor
                    ?? (Spec?.Schedule is { Kind: ScheduleKind.Interval, Anchor: { } existing } current && current.Interval == schedule.Interval ? existing : now);
                return spec with { Schedule = schedule with { Anchor = ToWholeMilliseconds(anchor) } };
            case ScheduleKind.Once:
                return spec with { Schedule = schedule with { At = ToWholeMilliseconds(schedule.At!.Value) } };
            default:
                return spec;
        }
    }

    private static DateTimeOffset ToWholeMilliseconds(DateTimeOffset value) =>
        DateTimeOffset.FromUnixTimeMilliseconds(value.ToUnixTimeMilliseconds());

    private static DateTimeOffset Max(DateTimeOffset? a, DateTimeOffset b) => a is { } value && value > b ? value : b;
}
