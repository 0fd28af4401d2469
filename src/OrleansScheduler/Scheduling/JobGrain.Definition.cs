using Microsoft.Extensions.DependencyInjection;
using OrleansScheduler.Validation;

namespace OrleansScheduler.Scheduling;

// How a change of definition is checked, normalised and stored: every write either happens whole or leaves the
// activation as it was, and the reminder is registered before the state that needs it and removed after.
internal sealed partial class JobGrain
{
    private async Task ValidateAsync(JobSpec spec, DateTimeOffset now)
    {
        var errors = JobSpecValidator.Validate(JobId, spec).ToList();
        if (errors.Count == 0)
        {
            // Judged on the schedule as it would be stored: an interval keeps the anchor it has, or counts from now.
            ScheduleReach.Check(CompiledSchedule.Compile(Normalize(spec, now).Schedule), now, errors);
            await using var scope = ServiceProvider.CreateAsyncScope();
            _handlers.Validate(scope.ServiceProvider, spec.Handler, spec.Payload, errors);
            if (await _consumers.FindProblemAsync(spec.Queue).ConfigureAwait(true) is { } problem)
            {
                errors.Add(problem);
            }
        }

        if (errors.Count > 0)
        {
            LogRejected(_logger, JobId, string.Join("; ", errors));
            throw new JobValidationException(errors);
        }
    }

    /// <summary>
    /// Writes <paramref name="next"/> as the job's state. On failure the activation keeps the state it had and is
    /// deactivated, so that the next call reads whatever Redis holds: a write that timed out may have been applied.
    /// </summary>
    private Task CommitAsync(JobState next)
    {
        var previous = _state.State;
        _state.State = next;
        return WriteOrRollBackAsync(_state.WriteStateAsync, previous);
    }

    /// <summary>Removes the job's state, with the same rule as <see cref="CommitAsync"/> on failure.</summary>
    private Task CommitClearAsync() => WriteOrRollBackAsync(_state.ClearStateAsync, _state.State);

    private async Task WriteOrRollBackAsync(Func<Task> write, JobState previous)
    {
        try
        {
            await write().ConfigureAwait(true);
        }
        catch
        {
            _state.State = previous;
            DeactivateOnIdle();
            throw;
        }
    }

    private Task RegisterReminderAsync() => this.RegisterOrUpdateReminder(ReminderName, _options.WakeUpPeriod, _options.WakeUpPeriod);

    /// <summary>Removes the reminder if there is one; a failure is logged, not thrown: a reminder left behind removes itself at its next tick.</summary>
    private async Task TryUnregisterReminderAsync()
    {
        try
        {
            if (await this.GetReminder(ReminderName).ConfigureAwait(true) is { } reminder)
            {
                await this.UnregisterReminder(reminder).ConfigureAwait(true);
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogUnregisterFailed(_logger, JobId, ex);
        }
    }

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
                return spec with { Schedule = schedule with { Anchor = InstantFormat.ToWholeMilliseconds(anchor) } };
            case ScheduleKind.Once:
                return spec with { Schedule = schedule with { At = InstantFormat.ToWholeMilliseconds(schedule.At!.Value) } };
            default:
                return spec;
        }
    }
}
