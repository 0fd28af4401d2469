namespace OrleansScheduler;

/// <summary>
/// The latest occurrence of a job that was not run: skipped by its misfire policy after downtime, or by its overlap
/// policy while an earlier run was still active.
/// </summary>
[GenerateSerializer, Immutable, Alias("osched.MissedRun")]
public sealed record MissedRun
{
    /// <summary>The reason of an occurrence skipped by the misfire policy (it came due while no silo could fire it).</summary>
    public const string Misfire = "misfire";

    /// <summary>The reason of an occurrence skipped by the overlap policy Skip (an earlier run was still active).</summary>
    public const string Overlap = "overlap";

    /// <summary>The nominal time of the missed occurrence, in UTC.</summary>
    [Id(0)] public DateTimeOffset Occurrence { get; init; }

    /// <summary>Why it was missed: <see cref="Misfire"/> or <see cref="Overlap"/>.</summary>
    /// <remarks>A string rather than an enum so that a reason added by a newer silo still reads on an older one.</remarks>
    [Id(1)] public required string Reason { get; init; }
}
