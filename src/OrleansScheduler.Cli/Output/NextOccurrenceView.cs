namespace OrleansScheduler.Cli.Output;

/// <summary>One occurrence as <c>osched next --json</c> prints it.</summary>
internal sealed record NextOccurrenceView
{
    /// <summary>The instant, UTC ISO 8601, e.g. <c>2026-03-29T01:30:00.000Z</c>.</summary>
    public required string Utc { get; init; }

    /// <summary>The wall-clock time in the schedule's zone, ISO 8601 with its offset, e.g. <c>2026-03-29T03:30:00.000+02:00</c>.</summary>
    public required string Local { get; init; }

    /// <summary>The IANA zone of <see cref="Local"/>.</summary>
    public required string Tz { get; init; }
}
