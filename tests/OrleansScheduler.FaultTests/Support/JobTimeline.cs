using OrleansScheduler.Testing;

namespace OrleansScheduler.FaultTests.Support;

/// <summary>
/// What the <see cref="RunReceiver"/> saw of one interval job: which of its nominal occurrences
/// (<c>start + k × every</c>) arrived, when, and how often. Built from arrivals only, never from the scheduler's history.
/// </summary>
public sealed class JobTimeline
{
    private readonly SortedDictionary<DateTimeOffset, List<RunArrival>> _byOccurrence = [];
    private readonly List<string> _unexpected = [];

    /// <summary>Sorts <paramref name="arrivals"/> of job <paramref name="jobId"/> by the occurrence their run id names.</summary>
    public JobTimeline(string jobId, DateTimeOffset start, TimeSpan every, IEnumerable<RunArrival> arrivals)
    {
        JobId = jobId;
        Start = start;
        Every = every;
        foreach (var arrival in arrivals.Where(a => a.JobId == jobId))
        {
            var occurrence = RunId.OccurrenceOf(arrival.RunId);
            if (occurrence is not { } t || arrival.RunId != RunId.Of(jobId, t) || t <= start || (t - start).Ticks % every.Ticks != 0)
            {
                _unexpected.Add(arrival.RunId);
                continue;
            }

            if (!_byOccurrence.TryGetValue(t, out var list))
            {
                _byOccurrence[t] = list = [];
            }

            list.Add(arrival);
        }
    }

    public string JobId { get; }

    public DateTimeOffset Start { get; }

    public TimeSpan Every { get; }

    /// <summary>Run ids that arrived for this job but name no occurrence of its schedule.</summary>
    public IReadOnlyList<string> Unexpected => _unexpected;

    /// <summary>The earliest occurrence that arrived; null when none did.</summary>
    public DateTimeOffset? First => _byOccurrence.Count == 0 ? null : _byOccurrence.Keys.First();

    /// <summary>The latest occurrence that arrived; null when none did.</summary>
    public DateTimeOffset? Last => _byOccurrence.Count == 0 ? null : _byOccurrence.Keys.Last();

    /// <summary>Whether the occurrence at <paramref name="occurrence"/> arrived at least once.</summary>
    public bool Ran(DateTimeOffset occurrence) => _byOccurrence.ContainsKey(occurrence);

    /// <summary>How often the occurrence arrived.</summary>
    public int TimesRun(DateTimeOffset occurrence) => _byOccurrence.TryGetValue(occurrence, out var list) ? list.Count : 0;

    /// <summary>Occurrences that arrived more than once.</summary>
    public IEnumerable<DateTimeOffset> Duplicates => _byOccurrence.Where(e => e.Value.Count > 1).Select(e => e.Key);

    /// <summary>The nominal occurrences between <see cref="First"/> and <see cref="Last"/> that never arrived, grouped into contiguous gaps.</summary>
    public IReadOnlyList<IReadOnlyList<DateTimeOffset>> Holes()
    {
        var holes = new List<IReadOnlyList<DateTimeOffset>>();
        if (First is not { } first || Last is not { } last)
        {
            return holes;
        }

        List<DateTimeOffset>? current = null;
        for (var t = first; t <= last; t += Every)
        {
            if (Ran(t))
            {
                current = null;
                continue;
            }

            if (current is null)
            {
                current = [];
                holes.Add(current);
            }

            current.Add(t);
        }

        return holes;
    }

    /// <summary>Nominal occurrences from <see cref="First"/> up to <paramref name="until"/> (inclusive) that never arrived.</summary>
    public IReadOnlyList<DateTimeOffset> MissingUpTo(DateTimeOffset until)
    {
        var missing = new List<DateTimeOffset>();
        if (First is { } first)
        {
            for (var t = first; t <= until; t += Every)
            {
                if (!Ran(t))
                {
                    missing.Add(t);
                }
            }
        }

        return missing;
    }

    /// <summary>The first arrival of an occurrence nominally after <paramref name="instant"/>: necessarily enqueued after it.</summary>
    public RunArrival? FirstArrivalOfOccurrenceAfter(DateTimeOffset instant) =>
        _byOccurrence.Where(e => e.Key > instant).SelectMany(e => e.Value).MinBy(a => a.ArrivedAt);

    /// <summary>Occurrences whose first arrival came more than <paramref name="threshold"/> after their nominal time.</summary>
    public IEnumerable<(DateTimeOffset Occurrence, TimeSpan Lateness)> Late(TimeSpan threshold) =>
        _byOccurrence
            .Select(e => (Occurrence: e.Key, Lateness: e.Value.Min(a => a.ArrivedAt) - e.Key))
            .Where(e => e.Lateness > threshold);

    /// <summary>A one-line summary: span, count, holes.</summary>
    public override string ToString()
    {
        var holes = Holes();
        return $"{JobId}: {_byOccurrence.Count} occurrence(s) arrived {(First is { } f ? Instant.Print(f) : "-")} … {(Last is { } l ? Instant.Print(l) : "-")}" +
            (holes.Count == 0 ? ", no hole" : ", holes: " + string.Join("; ", holes.Select(h => $"{h.Count} from {Instant.Print(h[0])}")));
    }
}
