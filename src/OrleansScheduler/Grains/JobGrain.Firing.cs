using OrleansScheduler.Runs;
using StackExchange.Redis;

namespace OrleansScheduler.Grains;

// The firing half of a job: what is due, the misfire plan, the enqueue and the exact-time timer.
internal sealed partial class JobGrain
{
    /// <summary>Enqueues whatever is due (applying the misfire policy to what was missed), then arms the timer for the next occurrence if it is near.</summary>
    private async Task EvaluateAsync(bool reminderTick = false)
    {
        if (Spec is not { } spec || _schedule is null || _state.State.Paused)
        {
            CancelTimer();
            await SyncDueIndexAsync().ConfigureAwait(true);
            return;
        }

        if (_lastEnqueuedUncertain)
        {
            try
            {
                // Redis runs a connection's commands in order: this read sees whatever the failed call did after all.
                _lastEnqueued = await _records.GetLastEnqueuedAsync(JobId).ConfigureAwait(true);
                _lastEnqueuedUncertain = false;
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                _failedEnqueues++;
                LogEnqueueFailed(_logger, JobId, _failedEnqueues, ex);
                ArmTimer(_time.GetUtcNow(), retry: true);
                return;
            }
        }

        var now = _time.GetUtcNow();
        var from = Max(_lastEnqueued, _state.State.CatchUpFrom);
        var (due, total, exact) = _schedule.GetRecentOccurrences(from, now, Math.Max(_options.MisfireFireAllLimit, SkippedDetailLimit));
        if (total > 0 && !await FireDueAsync(spec, MisfirePlan.Create(spec.Misfire, due, total, exact, now, _options), now).ConfigureAwait(true))
        {
            ArmTimer(now, retry: true);
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
                await UnregisterReminderAsync().ConfigureAwait(true);
            }

            await SyncDueIndexAsync().ConfigureAwait(true);
            return;
        }

        ArmTimer(now, retry: false);
        await SyncDueIndexAsync().ConfigureAwait(true);
    }

    /// <summary>Keeps the job's entry in the due index equal to its next due time (the enqueue script keeps it on every fire).</summary>
    private async Task SyncDueIndexAsync()
    {
        var due = NextDue();
        if (_dueIndexed && due == _indexedDue)
        {
            return;
        }

        try
        {
            await _records.SetDueAsync(JobId, due).ConfigureAwait(true);
            (_indexedDue, _dueIndexed) = (due, true);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // The next evaluation tries again; meanwhile the reminder still wakes the job.
            _dueIndexed = false;
        }
    }

    /// <summary>Records what the plan skips, then enqueues what it runs; false when Redis could not be reached (retried later).</summary>
    private async Task<bool> FireDueAsync(JobSpec spec, MisfirePlan plan, DateTimeOffset now)
    {
        try
        {
            if (plan.SkippedCount > 0)
            {
                LogMisfire(_logger, JobId, plan.SkippedCount, spec.Misfire, plan.Run.Count);
                var advanceTo = plan.Run.Count == 0 ? plan.Latest : (DateTimeOffset?)null;
                var missed = new MissedRun { Occurrence = LatestSkipped(plan), Reason = MissedRun.Misfire };
                await _queue.RecordAsync(JobId, plan.SkippedEntries(JobId), RunStatus.Skipped, plan.SkippedCount, advanceTo, missed).ConfigureAwait(true);
                _instruments.RecordMissed(JobId, MissedRun.Misfire, plan.SkippedCount);
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

            _failedEnqueues = 0;
            return true;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            _failedEnqueues++;
            _lastEnqueuedUncertain = true;
            LogEnqueueFailed(_logger, JobId, _failedEnqueues, ex);
            return false;
        }
    }

    /// <summary>
    /// The latest occurrence a misfire plan skips. The plan knows it unless only occurrences older than all it holds
    /// are skipped (FireAll beyond its limit): then it is the one just before the first that runs.
    /// </summary>
    private DateTimeOffset LatestSkipped(MisfirePlan plan)
    {
        if (plan.LatestSkipped is { } known)
        {
            return known;
        }

        var firstRun = plan.Run.Count > 0 ? plan.Run[0] : plan.Latest;
        var from = Max(_lastEnqueued, _state.State.CatchUpFrom);
        return _schedule!.GetLatestOccurrence(from, firstRun.AddTicks(-1)).Latest ?? firstRun;
    }

    private void ArmTimer(DateTimeOffset now, bool retry)
    {
        CancelTimer();
        var next = NextDue();
        if (next is null)
        {
            return;
        }

        var delay = next.Value - now;
        if (retry)
        {
            var backoff = TimeSpan.FromSeconds(Math.Min(MaxRetryDelay.TotalSeconds, Math.Pow(2, Math.Min(_failedEnqueues, 5))));
            delay = delay > backoff ? delay : backoff;
        }

        if (delay > _options.WakeUpPeriod + TimerMargin)
        {
            return;
        }

        _timer = this.RegisterGrainTimer(
            static (self, _) => self.EvaluateAsync(),
            this,
            new GrainTimerCreationOptions
            {
                DueTime = delay < TimeSpan.Zero ? TimeSpan.Zero : delay,
                Period = Timeout.InfiniteTimeSpan,
                KeepAlive = true,
            });
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
