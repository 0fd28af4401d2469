using System.Diagnostics;

namespace OrleansScheduler.Diagnostics;

/// <summary>A W3C trace context (<c>traceparent</c>, <c>tracestate</c>) as stored in job state and run messages.</summary>
internal readonly record struct TraceContext(string TraceParent, string? TraceState)
{
    /// <summary>The context of an activity; null without one, or when it does not use W3C ids (nothing could link to it).</summary>
    public static TraceContext? Capture(Activity? activity) =>
        activity is { IdFormat: ActivityIdFormat.W3C, Id: { } id } ? new TraceContext(id, activity.TraceStateString) : null;

    /// <summary>A stored context; null when none was stored.</summary>
    public static TraceContext? From(string? traceParent, string? traceState) =>
        string.IsNullOrEmpty(traceParent) ? null : new TraceContext(traceParent, traceState);

    /// <summary>The context to link to; false when the stored text is not a valid <c>traceparent</c>.</summary>
    public bool TryParse(out ActivityContext context) => ActivityContext.TryParse(TraceParent, TraceState, isRemote: true, out context);
}
