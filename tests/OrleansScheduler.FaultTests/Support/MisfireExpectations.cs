using System.Globalization;
using System.Text.RegularExpressions;

namespace OrleansScheduler.FaultTests.Support;

/// <summary>
/// The documented misfire policies, checked against what the receiver saw (<see cref="JobTimeline"/>) and the job's
/// <c>Skipped</c> history entries. Each check returns every problem it finds, so one assertion can report all jobs.
/// <list type="bullet">
/// <item><c>FireOnce</c>: occurrences missed while the job could not fire do not run, except one that stands for them
/// all; the others are recorded as Skipped entries that name the policy.</item>
/// <item><c>FireAll</c>: every missed occurrence runs (by its run id); nothing is recorded as Skipped.</item>
/// <item><c>Skip</c>: none of the missed occurrences runs, not even late; they are recorded as Skipped, naming the policy.</item>
/// </list>
/// For FireOnce and Skip the Skipped entries must account for exactly the occurrences that never arrived: none left
/// out, none recorded as skipped that ran. An entry may stand for one occurrence (its run id) or summarise a range
/// (<c>missed N occurrences after {instant}</c>): both are read.
/// </summary>
public static partial class MisfireExpectations
{
    /// <summary>How late a run must arrive to count as caught up after a gap rather than on time.</summary>
    public static readonly TimeSpan LateThreshold = TimeSpan.FromSeconds(2);

    /// <summary>Problems of a job that should have had no gap: holes, or Skipped entries.</summary>
    public static IEnumerable<string> CheckUndisturbed(JobTimeline timeline, IReadOnlyList<HistoryEntry> history)
    {
        foreach (var hole in timeline.Holes())
        {
            yield return $"{timeline.JobId}: {Describe(hole)} never ran, though nothing stopped the job from firing";
        }

        foreach (var skipped in history.Where(IsSkipped))
        {
            yield return $"{timeline.JobId}: unexpected Skipped entry: {skipped}";
        }
    }

    /// <summary>Problems of a job whose occurrences were missed, under <paramref name="policy"/>.</summary>
    /// <param name="policy">The job's misfire policy.</param>
    /// <param name="timeline">What the receiver saw.</param>
    /// <param name="history">The job's history, newest first.</param>
    /// <param name="recovered">Run ids that were queued or held by a failed silo and handed on: they run late by recovery, not by a misfire policy.</param>
    /// <param name="singleGap">
    /// Whether the job was down once (a crash, a cluster stop): then FireOnce and Skip leave exactly one gap. False when
    /// it may have woken several times while unable to enqueue (Redis unreachable): each wake-up applies the policy.
    /// </param>
    public static IReadOnlyList<string> CheckMissed(string policy, JobTimeline timeline, IReadOnlyList<HistoryEntry> history, IReadOnlyCollection<string> recovered, bool singleGap = true)
    {
        var problems = new List<string>();
        var skipped = history.Where(IsSkipped).ToList();
        var holes = timeline.Holes();
        if (policy == "FireAll")
        {
            problems.AddRange(holes.Select(hole => $"{timeline.JobId}: FireAll, yet {Describe(hole)} never ran"));
            if (!timeline.Late(LateThreshold).Any(l => !recovered.Contains(RunId.Of(timeline.JobId, l.Occurrence))))
            {
                problems.Add($"{timeline.JobId}: no run arrived more than {LateThreshold.TotalSeconds:0} s after its time, so no missed occurrence was caught up ({timeline})");
            }

            problems.AddRange(skipped.Select(s => $"{timeline.JobId}: FireAll recorded a Skipped entry (the gap is far below the FireAll bound): {s}"));
            return problems;
        }

        if (policy is not ("FireOnce" or "Skip"))
        {
            throw new ArgumentOutOfRangeException(nameof(policy), policy, "not a misfire policy");
        }

        if (holes.Count == 0 || (singleGap && holes.Count > 1))
        {
            problems.Add(holes.Count == 0
                ? $"{timeline.JobId}: expected a gap of occurrences that did not run, found none ({timeline})"
                : $"{timeline.JobId}: expected one gap, found {holes.Count}: {string.Join("; ", holes.Select(Describe))}");
        }

        if (policy == "Skip")
        {
            var late = timeline.Late(LateThreshold).Where(l => !recovered.Contains(RunId.Of(timeline.JobId, l.Occurrence))).ToList();
            problems.AddRange(late.Select(l => $"{timeline.JobId}: Skip, yet the missed occurrence {Instant.Print(l.Occurrence)} ran {Instant.Seconds(l.Lateness)} late"));
        }

        problems.AddRange(CheckSkippedRecords(policy, timeline, [.. holes.SelectMany(h => h)], skipped));
        if (policy == "FireOnce")
        {
            // The occurrence a Skipped entry names as the one run for the gap ("ran T once for all") must have run.
            foreach (var named in skipped.Select(s => s.Error is { } e ? RanOnceForAll().Match(e) : Match.Empty).Where(m => m.Success).Select(m => m.Groups["t"].Value).Distinct(StringComparer.Ordinal))
            {
                if (Instant.TryParse(named) is { } occurrence && !timeline.Ran(occurrence))
                {
                    problems.Add($"{timeline.JobId}: a Skipped entry names {RunId.Of(timeline.JobId, occurrence)} as the run for the gap, but it never arrived");
                }
            }
        }

        return problems;
    }

    private static IEnumerable<string> CheckSkippedRecords(string policy, JobTimeline timeline, IReadOnlyList<DateTimeOffset> missed, IReadOnlyList<HistoryEntry> skipped)
    {
        if (skipped.Count == 0)
        {
            if (missed.Count > 0)
            {
                yield return $"{timeline.JobId}: {missed.Count} occurrence(s) from {Instant.Print(missed[0])} did not run and no Skipped entry records them";
            }

            yield break;
        }

        var policyWord = new Regex($@"\b{policy}\b", RegexOptions.CultureInvariant);
        foreach (var entry in skipped.Where(e => e.Error is null || !policyWord.IsMatch(e.Error)))
        {
            yield return $"{timeline.JobId}: Skipped entry does not name the misfire policy {policy}: {entry}";
        }

        var accounted = new HashSet<DateTimeOffset>();
        var unattributed = 0;
        foreach (var entry in skipped)
        {
            var covered = Covered(entry, timeline);
            if (covered is null)
            {
                unattributed++;
                continue;
            }

            foreach (var occurrence in covered)
            {
                if (timeline.Ran(occurrence))
                {
                    yield return $"{timeline.JobId}: {Instant.Print(occurrence)} ran (the receiver saw {RunId.Of(timeline.JobId, occurrence)}), yet it is recorded as skipped: {entry}";
                }

                if (!accounted.Add(occurrence))
                {
                    yield return $"{timeline.JobId}: {Instant.Print(occurrence)} is recorded as skipped twice";
                }
            }
        }

        var unaccounted = missed.Where(t => !accounted.Contains(t)).ToList();
        if (unaccounted.Count > unattributed)
        {
            yield return $"{timeline.JobId}: {unaccounted.Count} occurrence(s) never ran and no Skipped entry accounts for them: " +
                $"{string.Join(", ", unaccounted.Take(10).Select(Instant.Print))} (entries: {string.Join(" | ", skipped)})";
        }
    }

    /// <summary>
    /// The occurrences one Skipped entry accounts for: the range of a summary (<c>missed N occurrences after T</c>:
    /// the N occurrences after T), else the occurrence its run id names; null when it says neither.
    /// </summary>
    private static IReadOnlyList<DateTimeOffset>? Covered(HistoryEntry entry, JobTimeline timeline)
    {
        if (entry.Error is { } error && SummaryAfter().Match(error) is { Success: true } after && Instant.TryParse(after.Groups["t"].Value) is { } from)
        {
            var count = int.Parse(after.Groups["n"].Value, CultureInfo.InvariantCulture);
            return [.. Enumerable.Range(1, count).Select(k => from + (k * timeline.Every))];
        }

        if (entry.Error is { } text && SummaryBefore().Match(text) is { Success: true } before && Instant.TryParse(before.Groups["t"].Value) is { } until)
        {
            var count = int.Parse(before.Groups["n"].Value, CultureInfo.InvariantCulture);
            return [.. Enumerable.Range(1, count).Select(k => until - (k * timeline.Every)).Reverse()];
        }

        return RunId.OccurrenceOf(entry.RunId) is { } occurrence && entry.RunId == RunId.Of(timeline.JobId, occurrence) ? [occurrence] : null;
    }

    private static bool IsSkipped(HistoryEntry entry) => entry.Status == "Skipped";

    private static string Describe(IReadOnlyList<DateTimeOffset> hole) =>
        hole.Count == 1
            ? $"the occurrence {Instant.Print(hole[0])}"
            : $"{hole.Count} occurrences {Instant.Print(hole[0])} … {Instant.Print(hole[^1])}";

    // "missed 16 occurrences after 2026-11-27T02:48:03.000Z": the N occurrences after T.
    [GeneratedRegex(@"\bmissed (?<n>\d+)\+? occurrences? after (?<t>\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)", RegexOptions.CultureInvariant)]
    private static partial Regex SummaryAfter();

    // "120 earlier occurrence(s) before 2026-11-27T02:48:03.000Z": the N occurrences before T.
    [GeneratedRegex(@"^(?<n>\d+)\+? earlier occurrences?(?:\(s\))? before (?<t>\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)", RegexOptions.CultureInvariant)]
    private static partial Regex SummaryBefore();

    // "misfire policy FireOnce ran 2026-11-27T02:48:20.000Z once for all" (the instant, or the run id).
    [GeneratedRegex(@"\bran (?:[A-Za-z0-9._:-]+@)?(?<t>\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z) once for all", RegexOptions.CultureInvariant)]
    private static partial Regex RanOnceForAll();
}
