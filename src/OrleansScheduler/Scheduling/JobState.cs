namespace OrleansScheduler.Scheduling;

/// <summary>
/// What a job grain persists in Redis grain storage. Serialized with the Orleans serializer under stable aliases,
/// so renaming the C# types does not break stored jobs; the format is pinned by a snapshot test.
/// </summary>
[GenerateSerializer, Alias("osched.JobState.v1")]
internal sealed class JobState
{
    /// <summary>The definition, with an interval's anchor resolved; null when no job exists.</summary>
    [Id(0)] public JobSpec? Spec { get; set; }

    [Id(1)] public bool Paused { get; set; }

    /// <summary>
    /// Occurrences at or before this instant are never due: set when the job is created, redefined or resumed, so
    /// those events do not read as missed occurrences.
    /// </summary>
    [Id(2)] public DateTimeOffset CatchUpFrom { get; set; }

    [Id(3)] public DateTimeOffset CreatedAt { get; set; }

    [Id(4)] public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>
    /// The W3C <c>traceparent</c> of the call that last created or changed the definition, which every enqueue links
    /// to; null when that call was not traced, and in state written by earlier versions.
    /// </summary>
    [Id(5)] public string? TraceParent { get; set; }

    /// <summary>The W3C <c>tracestate</c> that goes with <see cref="TraceParent"/>.</summary>
    [Id(6)] public string? TraceState { get; set; }

    /// <summary>A copy to change: a grain's state changes only with a successful write.</summary>
    public JobState Copy() => (JobState)MemberwiseClone();
}
