namespace OrleansScheduler;

/// <summary>
/// The run ids the scheduler gives runs: <c>{jobId}@{instant}</c>, the instant in <see cref="InstantFormat"/>. Job ids
/// never contain <c>@</c>, so the first one separates the job id from the rest. Run ids are stored in Redis (the
/// history, the occurrence claims, dead letters): an upgrade contract (pinned by tests).
/// </summary>
public static class RunIds
{
    /// <summary>What separates the job id from the rest of a run id.</summary>
    public const char Separator = '@';

    /// <summary>
    /// The run id of a scheduled occurrence, <c>{jobId}@{nominal time}</c>, e.g. <c>nightly@2026-12-01T08:00:00.000Z</c>.
    /// Every silo computes the same id for the same occurrence: the exactly-once claim is keyed by it.
    /// </summary>
    public static string Scheduled(string jobId, DateTimeOffset occurrence) => jobId + Separator + InstantFormat.Format(occurrence);

    /// <summary>
    /// The run id of a triggered run, <c>{jobId}@manual-{when}-{suffix}</c>, e.g.
    /// <c>nightly@manual-2026-03-01T10:05:00.000Z-0a1b2c3d</c>; the suffix keeps two triggers in the same millisecond apart.
    /// </summary>
    public static string Manual(string jobId, DateTimeOffset now, string suffix) =>
        $"{jobId}{Separator}manual-{InstantFormat.Format(now)}-{suffix}";

    /// <summary>
    /// The id of the history entry that sums up the skipped occurrences before an instant, <c>{jobId}@missed-before-{instant}</c>,
    /// when there were too many to record one by one.
    /// </summary>
    public static string MissedBefore(string jobId, DateTimeOffset before) =>
        $"{jobId}{Separator}missed-before-{InstantFormat.Format(before)}";

    /// <summary>The job id a run id names: everything before its first <c>@</c> (the whole text when it has none).</summary>
    public static string JobId(string runId)
    {
        var at = runId.IndexOf(Separator, StringComparison.Ordinal);
        return at < 0 ? runId : runId[..at];
    }

    /// <summary>The nominal time a scheduled run id names (<see cref="Scheduled"/>).</summary>
    /// <returns>False for every other run id: triggered runs, summaries of skipped occurrences, text that is no run id.</returns>
    public static bool TryGetOccurrence(string runId, out DateTimeOffset occurrence)
    {
        var at = runId.IndexOf(Separator, StringComparison.Ordinal);
        occurrence = default;
        return at >= 0 && InstantFormat.TryParseExact(runId[(at + 1)..], out occurrence);
    }
}
