namespace OrleansScheduler.Firing;

/// <summary>What the record script did with skipped occurrences: how many it recorded, or that it refused them for the clock.</summary>
/// <param name="Recorded">
/// How many occurrences the recorded entries stand for (entries enqueued or recorded before are left out); -1 when refused.
/// </param>
internal readonly record struct RecordResult(long Recorded)
{
    /// <summary>Refused: an occurrence is later than Redis's clock plus the allowed skew (this silo's clock is ahead).</summary>
    public static RecordResult ClockAhead { get; } = new(-1);

    /// <summary>Whether the entries were refused because this silo's clock is ahead of Redis's.</summary>
    public bool IsClockAhead => Recorded < 0;
}
