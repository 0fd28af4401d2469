using System.Diagnostics;
using OrleansScheduler.Redis;

namespace OrleansScheduler.Diagnostics;

/// <summary>
/// The scheduler's traces, on the <see cref="SourceName"/> activity source. An occurrence's enqueue
/// (<c>osched.enqueue</c>, a producer span) links to the call that scheduled the job; a triggered run's enqueue is part
/// of the trigger call's trace. Each attempt (<c>osched.run</c>, a consumer span) starts a trace of its own that links
/// to its enqueue, whose context travels in the run message: a run may start long after, and on another silo than,
/// the call that caused it, and one schedule call causes runs for ever, so none is a parent.
/// </summary>
public static class SchedulerActivities
{
    /// <summary>The activity source name to subscribe to (e.g. in OpenTelemetry's <c>AddSource</c>).</summary>
    public const string SourceName = "OrleansScheduler";

    internal const string EnqueueName = "osched.enqueue";
    internal const string RunName = "osched.run";

    internal const string JobIdTag = "osched.job.id";
    internal const string RunIdTag = "osched.run.id";
    internal const string OccurrenceTag = "osched.occurrence";
    internal const string QueueTag = "osched.queue";
    internal const string AttemptTag = "osched.run.attempt";
    internal const string HandlerTag = "osched.handler";
    internal const string SiloTag = "osched.silo";
    internal const string ResultTag = "osched.enqueue.result";
    internal const string StatusTag = "osched.run.status";

    internal static readonly ActivitySource Source = new(SourceName, typeof(SchedulerActivities).Assembly.GetName().Version?.ToString());

    /// <summary>
    /// Starts the span of an enqueue: with <paramref name="link"/> (a scheduled occurrence), the root of a new trace
    /// linked to the call that scheduled the job; without (a triggered run), a child of the current activity.
    /// </summary>
    /// <remarks>
    /// A new trace is started by clearing <see cref="Activity.Current"/>, which flows with the execution context: call
    /// this only from an async method, whose changes to that context end with it.
    /// </remarks>
    internal static Activity? StartEnqueue(RunMessage message, TraceContext? link, bool newTrace)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        if (newTrace)
        {
            Activity.Current = null;
        }

        var activity = Source.StartActivity(EnqueueName, ActivityKind.Producer, default(ActivityContext), links: Links(link));
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(JobIdTag, message.JobId);
            activity.SetTag(RunIdTag, message.RunId);
            activity.SetTag(OccurrenceTag, InstantFormat.Format(DateTimeOffset.FromUnixTimeMilliseconds(message.Occurrence)));
            activity.SetTag(QueueTag, message.Queue);
        }

        return activity;
    }

    /// <summary>Starts the span of one attempt: the root of a new trace, linked to the enqueue the message carries.</summary>
    /// <remarks>Clears <see cref="Activity.Current"/>: call it only from an async method (see <see cref="StartEnqueue"/>).</remarks>
    internal static Activity? StartRun(RunMessage message, string silo)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        Activity.Current = null;
        var activity = Source.StartActivity(RunName, ActivityKind.Consumer, default(ActivityContext), links: Links(TraceContext.From(message.TraceParent, message.TraceState)));
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(JobIdTag, message.JobId);
            activity.SetTag(RunIdTag, message.RunId);
            activity.SetTag(AttemptTag, message.Attempt);
            activity.SetTag(HandlerTag, message.Handler);
            activity.SetTag(QueueTag, message.Queue);
            activity.SetTag(SiloTag, silo);
        }

        return activity;
    }

    /// <summary>Records how an attempt ended; a failed or dead-lettered one marks the span as an error, with the error.</summary>
    internal static void SetOutcome(Activity? activity, RunStatus status, string? error)
    {
        if (activity is null)
        {
            return;
        }

        activity.SetTag(StatusTag, SchedulerInstruments.StatusName(status));
        if (status != RunStatus.Succeeded)
        {
            activity.SetStatus(ActivityStatusCode.Error, error);
        }
    }

    private static ActivityLink[]? Links(TraceContext? link) =>
        link is { } context && context.TryParse(out var parsed) ? [new ActivityLink(parsed)] : null;
}
