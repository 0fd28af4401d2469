namespace OrleansScheduler.Redis;

/// <summary>
/// A run as it waits in a Redis queue: everything a worker needs, so executing it needs no call to the job grain.
/// The JSON form is an upgrade contract (pinned by a snapshot test).
/// </summary>
internal sealed record RunMessage
{
    /// <summary>The run id: <c>{jobId}@{nominal UTC time}</c>, or <c>{jobId}@manual-…</c> for a triggered run.</summary>
    public required string RunId { get; init; }

    public required string JobId { get; init; }

    /// <summary>Nominal time, Unix milliseconds.</summary>
    public required long Occurrence { get; init; }

    public int Attempt { get; init; } = 1;

    /// <summary>Attempts allowed in all; when the last one fails the run is dead-lettered.</summary>
    public int MaxAttempts { get; init; } = JobSpec.DefaultMaxAttempts;

    public required string Handler { get; init; }

    public string? Payload { get; init; }

    public required string Queue { get; init; }

    /// <summary>Per-attempt timeout in milliseconds; null uses the silo default.</summary>
    public long? TimeoutMs { get; init; }

    /// <summary>When the run was pushed, Unix milliseconds.</summary>
    public long EnqueuedAt { get; init; }

    /// <summary>
    /// The W3C <c>traceparent</c> of the enqueue (or, when that was not traced, of the call that scheduled the job),
    /// for the run's span to link to. Absent when nothing was traced, and in messages of earlier versions.
    /// </summary>
    public string? TraceParent { get; init; }

    /// <summary>The W3C <c>tracestate</c> that goes with <see cref="TraceParent"/>.</summary>
    public string? TraceState { get; init; }

    /// <summary>The run id of a scheduled occurrence: <c>{jobId}@{nominal UTC time, ISO 8601 with ms}</c> (<see cref="RunIds.Scheduled"/>).</summary>
    public static string ScheduledRunId(string jobId, DateTimeOffset occurrence) => RunIds.Scheduled(jobId, occurrence);
}
