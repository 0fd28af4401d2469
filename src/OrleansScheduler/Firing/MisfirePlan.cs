using OrleansScheduler.Hosting;
using OrleansScheduler.Redis;

namespace OrleansScheduler.Firing;

/// <summary>
/// What a job does with the occurrences due when it wakes: which to run and which to record as skipped. A single
/// occurrence found no later than the misfire threshold just runs; several due at once, or one found later than the
/// threshold, were missed (a crash, a cluster stop, Redis unreachable) and follow the job's <see cref="MisfirePolicy"/>.
/// </summary>
internal sealed class MisfirePlan
{
    /// <summary>How many skipped occurrences get a history entry each; older ones share one summary entry.</summary>
    public const int DetailLimit = 100;

    private readonly IReadOnlyList<DateTimeOffset> _skippedKnown;
    private readonly string _reason;
    private readonly bool _countIsExact;

    private MisfirePlan(IReadOnlyList<DateTimeOffset> run, IReadOnlyList<DateTimeOffset> skippedKnown, long skippedCount, DateTimeOffset latest, string reason, bool countIsExact)
    {
        Run = run;
        _skippedKnown = skippedKnown;
        SkippedCount = skippedCount;
        Latest = latest;
        _reason = reason;
        _countIsExact = countIsExact;
    }

    /// <summary>The occurrences to enqueue, oldest first.</summary>
    public IReadOnlyList<DateTimeOffset> Run { get; }

    /// <summary>How many occurrences are skipped (a lower bound when the span was too long to count).</summary>
    public long SkippedCount { get; }

    /// <summary>The latest due occurrence.</summary>
    public DateTimeOffset Latest { get; }

    /// <summary>
    /// The latest skipped occurrence, when the plan knows it: null when nothing is skipped, and also when only
    /// occurrences older than every one it holds are (FireAll beyond its limit), which the caller must work out.
    /// </summary>
    public DateTimeOffset? LatestSkipped => _skippedKnown.Count > 0 ? _skippedKnown[^1] : null;

    /// <summary>Plans what to do with the due occurrences.</summary>
    /// <param name="policy">The job's misfire policy.</param>
    /// <param name="due">The most recent due occurrences, oldest first (at least the FireAll limit of them, when there are that many).</param>
    /// <param name="total">How many occurrences are due in all.</param>
    /// <param name="countIsExact">Whether <paramref name="total"/> is exact or a lower bound.</param>
    /// <param name="now">The time of the wake-up.</param>
    /// <param name="options">The misfire threshold and FireAll limit.</param>
    public static MisfirePlan Create(MisfirePolicy policy, IReadOnlyList<DateTimeOffset> due, long total, bool countIsExact, DateTimeOffset now, JobSchedulerOptions options)
    {
        var latest = due[^1];
        if (total == 1 && now - latest <= options.MisfireThreshold)
        {
            return new MisfirePlan(due, [], 0, latest, "", countIsExact);
        }

        const string Missed = "missed while no silo could fire it";
        switch (policy)
        {
            case MisfirePolicy.FireAll:
                var runCount = (int)Math.Min(total, options.MisfireFireAllLimit);
                return new MisfirePlan(
                    [.. due.Skip(due.Count - runCount)],
                    [.. due.Take(due.Count - runCount)],
                    total - runCount,
                    latest,
                    $"{Missed}; misfire policy FireAll runs only the latest {options.MisfireFireAllLimit}",
                    countIsExact);
            case MisfirePolicy.Skip:
                return new MisfirePlan([], due, total, latest, $"{Missed}; misfire policy Skip", countIsExact);
            default:
                return new MisfirePlan(
                    [latest],
                    [.. due.Take(due.Count - 1)],
                    total - 1,
                    latest,
                    $"{Missed}; misfire policy FireOnce ran {InstantFormat.Format(latest)} once for all",
                    countIsExact);
        }
    }

    /// <summary>
    /// History entries for the skipped occurrences, oldest first: one per occurrence for the latest
    /// <see cref="DetailLimit"/>, and one summary entry for any older ones.
    /// </summary>
    public IReadOnlyList<HistoryEntry> SkippedEntries(string jobId) => [.. SkippedOccurrences(jobId, static before => before).Select(o => o.Entry)];

    /// <summary>
    /// The skipped occurrences as the record script takes them (<see cref="SkippedEntries"/> with what each entry covers),
    /// oldest first. <paramref name="latestBefore"/> gives the latest occurrence before an instant: the summary entry
    /// covers the occurrences before the first detailed one.
    /// </summary>
    public IReadOnlyList<SkippedOccurrence> SkippedOccurrences(string jobId, Func<DateTimeOffset, DateTimeOffset> latestBefore)
    {
        var detailed = _skippedKnown.Skip(Math.Max(0, _skippedKnown.Count - DetailLimit)).ToList();
        var entries = new List<SkippedOccurrence>(detailed.Count + 1);
        var older = SkippedCount - detailed.Count;
        if (older > 0)
        {
            // The summary covers what comes before the first occurrence the plan holds (skipped or run).
            var before = detailed.Count > 0 ? detailed[0] : Run.Count > 0 ? Run[0] : Latest;
            var entry = Entry(
                jobId,
                RunIds.MissedBefore(jobId, before),
                before,
                $"{older}{(_countIsExact ? "" : "+")} earlier occurrence(s) before {InstantFormat.Format(before)} {_reason}");
            entries.Add(new SkippedOccurrence(entry, latestBefore(before), older));
        }

        entries.AddRange(detailed.Select(o => new SkippedOccurrence(Entry(jobId, RunIds.Scheduled(jobId, o), o, _reason), o, 1)));
        return entries;
    }

    private static HistoryEntry Entry(string jobId, string runId, DateTimeOffset occurrence, string reason) => new()
    {
        RunId = runId,
        JobId = jobId,
        Occurrence = occurrence.ToUnixTimeMilliseconds(),
        Attempt = 0,
        Status = RunStatus.Skipped,
        Error = reason,
    };
}
