using System.Diagnostics;
using OrleansScheduler.Diagnostics;
using OrleansScheduler.Firing;
using OrleansScheduler.Redis;

namespace OrleansScheduler.Scheduling;

internal sealed partial class JobGrain
{
    /// <summary>
    /// Enqueues a run inside its <c>osched.enqueue</c> span and carries that span's context in the message for the run
    /// to link to. A scheduled occurrence's span starts a trace of its own linked to the call that scheduled the job;
    /// a triggered run's belongs to the trigger call's trace. Untraced, the message carries the context it would have linked to.
    /// </summary>
    /// <remarks>Async on purpose: starting a new trace clears <see cref="Activity.Current"/> for this method only.</remarks>
    private async Task<EnqueueResult> EnqueueTracedAsync(RunMessage message, bool scheduled, bool skipIfActive, DateTimeOffset? nextDue)
    {
        var scheduledBy = TraceContext.From(_state.State.TraceParent, _state.State.TraceState);
        var caller = scheduled ? scheduledBy : TraceContext.Capture(Activity.Current);
        using var activity = SchedulerActivities.StartEnqueue(message, scheduled ? scheduledBy : null, newTrace: scheduled);
        var carried = TraceContext.Capture(activity) ?? caller;
        message = message with { TraceParent = carried?.TraceParent, TraceState = carried?.TraceState };
        try
        {
            var result = await _enqueuer.EnqueueAsync(message, scheduled, skipIfActive, nextDue).ConfigureAwait(true);
            activity?.SetTag(SchedulerActivities.ResultTag, result switch
            {
                EnqueueResult.Pushed => "pushed",
                EnqueueResult.AlreadyEnqueued => "already_enqueued",
                EnqueueResult.ClockAhead => "clock_ahead",
                _ => "skipped_overlap",
            });
            return result;
        }
        catch (Exception ex) when (activity is not null)
        {
            activity.AddException(ex);
            activity.SetStatus(ActivityStatusCode.Error, ex.Message);
            throw;
        }
    }
}
