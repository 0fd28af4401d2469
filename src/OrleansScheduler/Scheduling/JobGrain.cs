using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansScheduler.Diagnostics;
using OrleansScheduler.Execution;
using OrleansScheduler.Firing;
using OrleansScheduler.Handlers;
using OrleansScheduler.Hosting;
using OrleansScheduler.Redis;
using OrleansScheduler.Settlement;

namespace OrleansScheduler.Scheduling;

/// <summary>
/// One job. Its definition is grain state in Redis; a durable reminder wakes it every
/// <see cref="JobSchedulerOptions.WakeUpPeriod"/> after restarts, and while active a grain timer fires each
/// occurrence at its exact time. Every wake-up works out what is due from the last enqueued occurrence (kept in
/// Redis by the enqueue script itself), so missed occurrences are noticed and nothing is enqueued twice.
/// </summary>
/// <remarks>
/// Every mutation can be retried after any partial failure. It succeeds only once its state is written, and the
/// in-memory state changes only with the write (<see cref="CommitAsync"/>). Steps that let a job fire come before the
/// state that needs them (a reminder without its job removes itself at its first tick; a job without its reminder would
/// wait forever), steps that stop it come after. What follows a successful write (the job's records in Redis, its due
/// entry, the first evaluation) is pending work that every evaluation finishes and a retry timer keeps evaluating
/// until it is done, so it converges whether or not the caller retries.
/// </remarks>
// The grain type is part of every job's state key ({service}/state/job/{id}/job): a class rename must not move it.
[GrainType("job")]
internal sealed partial class JobGrain : Grain, IJobGrain, IJobSweepGrain, IRemindable, IIncomingGrainCallFilter
{
    internal const string ReminderName = "osched-wake";

    private static readonly TimeSpan MinimumReminderReArmDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan ReminderReArmTimeout = TimeSpan.FromSeconds(5);

    private readonly IPersistentState<JobState> _state;
    private readonly RunEnqueuer _enqueuer;
    private readonly JobIndex _index;
    private readonly JobHistory _history;
    private readonly JobHandlerRegistry _handlers;
    private readonly QueueConsumers _consumers;
    private readonly ISiloStatusOracle _silo;
    private readonly JobSchedulerOptions _options;
    private readonly TimeProvider _time;
    private readonly SchedulerInstruments _instruments;
    private readonly ILogger<JobGrain> _logger;
    private CompiledSchedule? _schedule;
    private DateTimeOffset? _lastEnqueued;
    private IGrainTimer? _timer;
    private int _failures;
    private DateTimeOffset? _indexedDue;
    private bool _dueIndexed;
    private PendingWork _pending;

    public JobGrain(
        [PersistentState("job", JobSchedulerOptions.StorageName)] IPersistentState<JobState> state,
        RunEnqueuer enqueuer,
        JobIndex index,
        JobHistory history,
        JobHandlerRegistry handlers,
        QueueConsumers consumers,
        ISiloStatusOracle silo,
        IOptions<JobSchedulerOptions> options,
        [FromKeyedServices(JobSchedulerTimeProviderNames.Scheduler)] TimeProvider time,
        SchedulerInstruments instruments,
        ILogger<JobGrain> logger)
    {
        _state = state;
        _enqueuer = enqueuer;
        _index = index;
        _history = history;
        _handlers = handlers;
        _consumers = consumers;
        _silo = silo;
        _options = options.Value;
        _time = time;
        _instruments = instruments;
        _logger = logger;
    }

    private string JobId => this.GetPrimaryKeyString();

    private JobSpec? Spec => _state.State.Spec;

    /// <inheritdoc/>
    public Task Invoke(IIncomingGrainCallContext context) => StoreFailureFilter.InvokeAsync(context, _logger);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (Spec is null)
        {
            return;
        }

        _schedule = CompileStored();
        // Heals the index if a previous activation stopped between the state write and the index write.
        _pending |= PendingWork.ReadLastEnqueued | PendingWork.Index;
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
            await this.RegisterOrUpdateReminder(ReminderName, delay > MinimumReminderReArmDelay ? delay : MinimumReminderReArmDelay, _options.WakeUpPeriod, cancellationToken)
                .WaitAsync(ReminderReArmTimeout, cancellationToken).ConfigureAwait(true);
            LogReminderReArmed(_logger, JobId, reason.ReasonCode.ToString(), next);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The regular reminder tick still wakes the job, only later; the misfire policy covers the gap.
            LogReminderReArmFailed(_logger, JobId, ex);
        }
    }

    public async Task<JobInfo> Schedule(JobSpec spec)
    {
        await ValidateAsync(spec, _time.GetUtcNow()).ConfigureAwait(true);
        var now = _time.GetUtcNow();
        var resolved = Normalize(spec, now);
        if (resolved == Spec)
        {
            // Unchanged: nothing to store, but whatever an earlier, failed call left undone is done now.
            await EvaluateAsync().ConfigureAwait(true);
            return await GetInfoAsync().ConfigureAwait(true);
        }

        var created = Spec is null;
        var scheduleChanged = Spec?.Schedule != resolved.Schedule;
        var schedule = CompiledSchedule.Compile(resolved.Schedule);
        var next = _state.State.Copy();
        next.Spec = resolved;
        next.UpdatedAt = now;
        // Every enqueue of this definition links to the call that made it; a call that was not traced leaves no link.
        var caller = TraceContext.Capture(Activity.Current);
        (next.TraceParent, next.TraceState) = (caller?.TraceParent, caller?.TraceState);
        if (created)
        {
            next.CreatedAt = now;
        }

        if (scheduleChanged)
        {
            // A one-shot whose instant has passed runs now; otherwise only occurrences after this moment are due. A
            // definition whose schedule is unchanged (a new payload, say) goes on from where it was: a one-shot that ran
            // does not run again.
            next.CatchUpFrom = resolved.Schedule is { Kind: ScheduleKind.Once, At: { } at } && at <= now ? at.AddTicks(-1) : now;
            if (!next.Paused && schedule.GetNextOccurrence(next.CatchUpFrom) is not null)
            {
                await RegisterReminderAsync().ConfigureAwait(true);
            }
        }

        await CommitAsync(next).ConfigureAwait(true);
        _schedule = schedule;
        if (scheduleChanged)
        {
            _lastEnqueued = null;
            _pending = (_pending | PendingWork.Definition) & ~PendingWork.ReadLastEnqueued;
        }

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
            var next = _state.State.Copy();
            next.Paused = true;
            next.UpdatedAt = _time.GetUtcNow();
            await CommitAsync(next).ConfigureAwait(true);
            LogPaused(_logger, JobId);
        }

        // Also when already paused: a pause whose clean-up failed is finished by its retry. A reminder left behind
        // removes itself at its next tick, and the evaluation removes the due entry (retried until it is gone).
        CancelTimer();
        await TryUnregisterReminderAsync().ConfigureAwait(true);
        await EvaluateAsync().ConfigureAwait(true);
        return await GetInfoAsync().ConfigureAwait(true);
    }

    public async Task<JobInfo> Resume()
    {
        EnsureExists();
        if (_state.State.Paused)
        {
            var now = _time.GetUtcNow();
            var next = _state.State.Copy();
            next.Paused = false;
            next.UpdatedAt = now;
            // Occurrences that fell in the pause are not misfires: resume continues from now.
            next.CatchUpFrom = now;
            await RegisterReminderAsync().ConfigureAwait(true);
            await CommitAsync(next).ConfigureAwait(true);
            LogResumed(_logger, JobId);
        }

        await EvaluateAsync().ConfigureAwait(true);
        return await GetInfoAsync().ConfigureAwait(true);
    }

    public async Task<string> Trigger()
    {
        var spec = EnsureExists();
        var now = _time.GetUtcNow();
        var runId = RunIds.Manual(JobId, now, Guid.NewGuid().ToString("N")[..8]);
        // A trigger is an operator's explicit request: it runs even when the overlap policy would skip an occurrence.
        await EnqueueTracedAsync(CreateMessage(spec, runId, now, now), scheduled: false, skipIfActive: false, nextDue: null).ConfigureAwait(true);
        _instruments.RecordEnqueued(manual: true);
        LogTriggered(_logger, JobId, runId);
        return runId;
    }

    public async Task<bool> Delete()
    {
        var existed = Spec is not null;
        if (existed)
        {
            CancelTimer();
            await CommitClearAsync().ConfigureAwait(true);
            _schedule = null;
            _lastEnqueued = null;
            LogDeleted(_logger, JobId);
            await TryUnregisterReminderAsync().ConfigureAwait(true);
        }

        // Also when no job exists: an earlier delete may have removed the state and failed to remove the records.
        _pending = PendingWork.Cleanup;
        await EvaluateAsync().ConfigureAwait(true);
        return existed;
    }

    public Task<IReadOnlyList<RunRecord>> GetHistory(int limit)
    {
        if (limit is < 1 or > SchedulerLimits.MaxHistory)
        {
            throw new JobValidationException([$"limit: {limit} is outside 1-{SchedulerLimits.MaxHistory}"]);
        }

        return Spec is null ? Task.FromResult<IReadOnlyList<RunRecord>>([]) : _history.GetHistoryAsync(JobId, limit);
    }

    public async Task Wake()
    {
        if (Spec is null)
        {
            // Woken for a job that does not exist: its due entry is the leftover of a delete whose clean-up failed, or of
            // a state lost otherwise. Read the state again to be sure, then remove what is left.
            await _state.ReadStateAsync().ConfigureAwait(true);
            if (Spec is null)
            {
                _pending |= PendingWork.Cleanup;
            }
            else
            {
                _schedule = CompileStored();
                _pending |= PendingWork.ReadLastEnqueued | PendingWork.Index;
            }
        }

        await EvaluateAsync().ConfigureAwait(true);
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (Spec is null)
        {
            // A reminder that outlived its job (or a job whose state write failed after its reminder was registered).
            await TryUnregisterReminderAsync().ConfigureAwait(true);
            DeactivateOnIdle();
            return;
        }

        if (_state.State.Paused)
        {
            await TryUnregisterReminderAsync().ConfigureAwait(true);
        }

        await EvaluateAsync(reminderTick: true).ConfigureAwait(true);
    }

    /// <summary>Compiles the stored schedule; a schedule this silo cannot compile (a time zone its system lacks) is logged, and the job does not fire here.</summary>
    private CompiledSchedule? CompileStored()
    {
        var errors = new List<string>();
        var schedule = CompiledSchedule.TryCompile(Spec!.Schedule, errors);
        if (schedule is null)
        {
            LogScheduleUnusable(_logger, JobId, string.Join("; ", errors));
        }

        return schedule;
    }

    private async Task<JobInfo> GetInfoAsync()
    {
        var (lastRun, counts, lastMissed) = await _history.GetSummaryAsync(JobId).ConfigureAwait(true);
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

    private static DateTimeOffset Max(DateTimeOffset? a, DateTimeOffset b) => a is { } value && value > b ? value : b;
}
