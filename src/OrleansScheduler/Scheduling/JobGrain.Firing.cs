using OrleansScheduler.Firing;
using OrleansScheduler.Redis;

namespace OrleansScheduler.Scheduling;

// The firing half of a job: pending work, what is due, the misfire plan, the enqueue and the exact-time timer.
internal sealed partial class JobGrain
{
    // The timer is armed only for occurrences the next reminder tick would reach late.
    private static readonly TimeSpan TimerMargin = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Brings Redis and the timer in line with the state: finishes pending work, enqueues whatever is due (applying the
    /// misfire policy to what was missed), keeps the due entry, and arms the timer for the next occurrence if it is near.
    /// Never throws: any failure (Redis unreachable, a reset connection, a bug) is logged and the whole evaluation is
    /// retried by a timer with backoff, which keeps the activation alive until it succeeds.
    /// </summary>
    private async Task EvaluateAsync(bool reminderTick = false)
    {
        if (_silo.CurrentStatus == SiloStatus.Dead)
        {
            // Told it is dead (it was declared dead while frozen or cut off), this silo is about to stop, and the
            // survivors have taken its jobs over: nothing it would enqueue or record now is its to decide.
            CancelTimer();
            return;
        }

        try
        {
            await FinishPendingAsync().ConfigureAwait(true);
            if (Spec is not { } spec)
            {
                CancelTimer();
                DeactivateOnIdle();
                return;
            }

            if (_schedule is null || _state.State.Paused)
            {
                CancelTimer();
                await SyncDueIndexAsync().ConfigureAwait(true);
                _failures = 0;
                return;
            }

            var now = _time.GetUtcNow();
            var from = Max(_lastEnqueued, _state.State.CatchUpFrom);
            var (due, total, exact) = _schedule.GetRecentOccurrences(from, now, Math.Max(_options.MisfireFireAllLimit, MisfirePlan.DetailLimit));
            if (total > 0 && !await FireDueAsync(spec, MisfirePlan.Create(spec.Misfire, due, total, exact, now, _options), now).ConfigureAwait(true))
            {
                _failures++;
                ArmRetry();
                return;
            }

            if (spec.Schedule.Kind == ScheduleKind.Once && _lastEnqueued is not null)
            {
                // A one-shot that has fired has nothing left to wake for. Its reminder goes at its next tick, not now:
                // unregistering costs two reminder-service round trips, which a burst of one-shots due at the same instant
                // would otherwise pay at the very moment they fire.
                CancelTimer();
                if (reminderTick)
                {
                    await TryUnregisterReminderAsync().ConfigureAwait(true);
                }
            }
            else
            {
                ArmTimer();
            }

            await SyncDueIndexAsync().ConfigureAwait(true);
            _failures = 0;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            _failures++;
            if (RedisFailures.IsTransient(ex))
            {
                LogEvaluationFailed(_logger, JobId, _failures, ex);
            }
            else
            {
                LogEvaluationError(_logger, JobId, _failures, ex);
            }

            ArmRetry();
        }
    }

    /// <summary>Does the work a mutation, an activation or a failed step left pending; each step is idempotent and clears its flag once done.</summary>
    private async Task FinishPendingAsync()
    {
        if (_pending.HasFlag(PendingWork.Cleanup))
        {
            await _index.DeleteAsync(JobId).ConfigureAwait(true);
            (_indexedDue, _dueIndexed) = (null, true);
            _pending &= ~PendingWork.Cleanup;
        }

        if (Spec is null)
        {
            return;
        }

        if (_pending.HasFlag(PendingWork.Definition))
        {
            // Before anything is enqueued under the new schedule: its sequence starts afresh.
            var due = NextDue();
            await _index.StartDefinitionAsync(JobId, due).ConfigureAwait(true);
            (_indexedDue, _dueIndexed) = (due, true);
            _pending &= ~(PendingWork.Definition | PendingWork.Index);
        }

        if (_pending.HasFlag(PendingWork.Index))
        {
            await _index.AddToIndexAsync(JobId).ConfigureAwait(true);
            _pending &= ~PendingWork.Index;
        }

        if (_pending.HasFlag(PendingWork.ReadLastEnqueued))
        {
            // Redis runs a connection's commands in order: this read sees whatever a failed call did after all.
            _lastEnqueued = await _index.GetLastEnqueuedAsync(JobId).ConfigureAwait(true);
            _pending &= ~PendingWork.ReadLastEnqueued;
        }
    }

    /// <summary>Keeps the job's entry in the due index equal to its next due time (the enqueue script keeps it on every fire).</summary>
    private async Task SyncDueIndexAsync()
    {
        var due = NextDue();
        if (_dueIndexed && due == _indexedDue)
        {
            return;
        }

        _dueIndexed = false;
        await _index.SetDueAsync(JobId, due).ConfigureAwait(true);
        (_indexedDue, _dueIndexed) = (due, true);
    }

    /// <summary>
    /// Records what the plan skips, then enqueues what it runs. False when Redis refused because this silo's clock is
    /// ahead of its own (nothing was written; retried later). Any failure leaves the last enqueued occurrence uncertain:
    /// the script may have run although the call failed, so it is read again before anything is planned from it.
    /// </summary>
    private async Task<bool> FireDueAsync(JobSpec spec, MisfirePlan plan, DateTimeOffset now)
    {
        try
        {
            if (plan.SkippedCount > 0)
            {
                var advanceTo = plan.Run.Count == 0 ? plan.Latest : (DateTimeOffset?)null;
                var skipped = plan.SkippedOccurrences(JobId, LatestBefore);
                var recorded = await _enqueuer.RecordSkippedAsync(JobId, skipped, advanceTo, MissedRun.Misfire).ConfigureAwait(true);
                if (recorded.IsClockAhead)
                {
                    LogClockAhead(_logger, JobId, plan.Latest, _options.MaxClockSkew);
                    return false;
                }

                // Only what this call recorded: occurrences enqueued or recorded before (a retry, a stale activation) are not missed again.
                LogMisfire(_logger, JobId, recorded.Recorded, plan.SkippedCount - recorded.Recorded, spec.Misfire, plan.Run.Count);
                _instruments.RecordMissed(JobId, MissedRun.Misfire, recorded.Recorded);
                if (advanceTo is not null)
                {
                    _lastEnqueued = advanceTo;
                }
            }

            foreach (var occurrence in plan.Run)
            {
                var runId = RunMessage.ScheduledRunId(JobId, occurrence);
                var nextDue = _schedule!.GetNextOccurrence(Max(occurrence, _state.State.CatchUpFrom));
                var result = await EnqueueTracedAsync(CreateMessage(spec, runId, occurrence, now), scheduled: true, skipIfActive: spec.Overlap == OverlapPolicy.Skip, nextDue).ConfigureAwait(true);
                if (result == EnqueueResult.ClockAhead)
                {
                    LogClockAhead(_logger, JobId, occurrence, _options.MaxClockSkew);
                    return false;
                }

                _lastEnqueued = occurrence;
                (_indexedDue, _dueIndexed) = (nextDue, true);
                switch (result)
                {
                    case EnqueueResult.Pushed:
                        _instruments.RecordEnqueued(manual: false);
                        break;
                    case EnqueueResult.AlreadyEnqueued:
                        LogDuplicateSuppressed(_logger, runId);
                        break;
                    default:
                        _instruments.RecordMissed(JobId, MissedRun.Overlap, 1);
                        LogOverlapSkipped(_logger, runId);
                        break;
                }
            }

            return true;
        }
        catch
        {
            _pending |= PendingWork.ReadLastEnqueued;
            throw;
        }
    }

    /// <summary>The latest occurrence before <paramref name="instant"/> not yet enqueued (itself when there is none).</summary>
    private DateTimeOffset LatestBefore(DateTimeOffset instant) =>
        _schedule!.GetLatestOccurrence(Max(_lastEnqueued, _state.State.CatchUpFrom), instant.AddTicks(-1)).Latest ?? instant;

    /// <summary>Arms the timer for the next occurrence, when the next reminder tick would reach it late.</summary>
    private void ArmTimer()
    {
        CancelTimer();
        if (NextDue() is not { } next)
        {
            return;
        }

        // The time now, not the evaluation's start: the awaits in between would make every occurrence late by them.
        var delay = next - _time.GetUtcNow();
        if (delay > _options.WakeUpPeriod + TimerMargin)
        {
            return;
        }

        _timer = this.RegisterGrainTimer(
            static (self, _) => self.EvaluateAsync(),
            this,
            new GrainTimerCreationOptions { DueTime = delay < TimeSpan.Zero ? TimeSpan.Zero : delay, Period = Timeout.InfiniteTimeSpan, KeepAlive = true });
    }

    /// <summary>
    /// Evaluates again after a backoff (<see cref="RedisResilience.GrainRetryDelay"/>), keeping the activation alive until
    /// then. A timer, not a retry pipeline: calls (Get, Pause, Delete) interleave while the grain waits.
    /// </summary>
    private void ArmRetry()
    {
        CancelTimer();
        var backoff = RedisResilience.GrainRetryDelay(_failures);
        _timer = this.RegisterGrainTimer(
            static (self, _) => self.EvaluateAsync(),
            this,
            new GrainTimerCreationOptions { DueTime = backoff, Period = Timeout.InfiniteTimeSpan, KeepAlive = true });
    }

    private void CancelTimer()
    {
        _timer?.Dispose();
        _timer = null;
    }

    /// <summary>The first occurrence not yet enqueued (possibly already past, when catching up).</summary>
    private DateTimeOffset? NextDue() =>
        _schedule is null || _state.State.Paused ? null : _schedule.GetNextOccurrence(Max(_lastEnqueued, _state.State.CatchUpFrom));

    private RunMessage CreateMessage(JobSpec spec, string runId, DateTimeOffset occurrence, DateTimeOffset now) => new()
    {
        RunId = runId,
        MaxAttempts = spec.MaxAttempts,
        JobId = JobId,
        Occurrence = occurrence.ToUnixTimeMilliseconds(),
        Handler = spec.Handler,
        Payload = spec.Payload,
        Queue = spec.Queue,
        TimeoutMs = spec.Timeout is { } timeout ? (long)timeout.TotalMilliseconds : null,
        EnqueuedAt = now.ToUnixTimeMilliseconds(),
    };
}
