using OrleansScheduler.Benchmarks.Infrastructure;

namespace OrleansScheduler.Benchmarks.Measurement;

/// <summary>
/// Compares the occurrences a workload expected with the history the scheduler stored. An occurrence counts as
/// executed when its job has a <c>Succeeded</c> entry for it (any attempt; its lag is that of the earliest), and as
/// missing when it has none. A run id with more than one first-attempt <c>Succeeded</c> entry is duplicated, wherever
/// in the history it is, expected or not: with no crash in a benchmark, nothing may run twice.
/// </summary>
internal sealed class RunAudit
{
    private RunAudit()
    {
    }

    /// <summary>How many occurrences were expected.</summary>
    public int Expected { get; private init; }

    /// <summary>Expected occurrences with a success.</summary>
    public int Executed { get; private init; }

    /// <summary>Expected occurrences without one.</summary>
    public int Missing => Expected - Executed;

    /// <summary>Run ids with more than one first-attempt success.</summary>
    public int Duplicated { get; private init; }

    /// <summary>Missing occurrences that have entries all the same (failed attempts, skips), for the notes.</summary>
    public int NotSucceeded { get; private init; }

    /// <summary>For each executed occurrence, its start minus its nominal time, in ms.</summary>
    public IReadOnlyList<long> LagsMs { get; private init; } = [];

    /// <summary>The earliest start of an executed occurrence (Unix ms).</summary>
    public long? FirstStartedAt { get; private init; }

    /// <summary>The latest start of an executed occurrence (Unix ms).</summary>
    public long? LastStartedAt { get; private init; }

    /// <summary>The latest finish of an executed occurrence (Unix ms).</summary>
    public long? LastFinishedAt { get; private init; }

    /// <summary>Executed occurrences per silo.</summary>
    public IReadOnlyDictionary<string, int> PerSilo { get; private init; } = new Dictionary<string, int>();

    /// <summary>Audits <paramref name="expected"/> against <paramref name="histories"/> (by job id).</summary>
    public static RunAudit Of(IEnumerable<ExpectedRun> expected, IReadOnlyDictionary<string, IReadOnlyList<StoredRun>> histories)
    {
        var successes = new Dictionary<(string JobId, long Occurrence), StoredRun>();
        var others = new HashSet<(string JobId, long Occurrence)>();
        var perRunId = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var run in histories.Values.SelectMany(h => h))
        {
            if (run.Status != StoredRun.Succeeded)
            {
                others.Add((run.JobId, run.Occurrence));
                continue;
            }

            if (run.IsFirstSuccess)
            {
                perRunId[run.RunId] = perRunId.GetValueOrDefault(run.RunId) + 1;
            }

            var key = (run.JobId, run.Occurrence);
            if (!successes.TryGetValue(key, out var earlier) || run.StartedAt < earlier.StartedAt)
            {
                successes[key] = run;
            }
        }

        var count = 0;
        var notSucceeded = 0;
        var executed = new List<StoredRun>();
        foreach (var run in expected)
        {
            count++;
            if (successes.TryGetValue((run.JobId, run.Occurrence), out var success))
            {
                executed.Add(success);
            }
            else if (others.Contains((run.JobId, run.Occurrence)))
            {
                notSucceeded++;
            }
        }

        var started = executed.Where(r => r.StartedAt is not null).ToList();
        return new RunAudit
        {
            Expected = count,
            Executed = executed.Count,
            Duplicated = perRunId.Values.Count(n => n > 1),
            NotSucceeded = notSucceeded,
            LagsMs = [.. started.Select(r => r.StartedAt!.Value - r.Occurrence)],
            FirstStartedAt = started.Count == 0 ? null : started.Min(r => r.StartedAt),
            LastStartedAt = started.Count == 0 ? null : started.Max(r => r.StartedAt),
            LastFinishedAt = executed.Count == 0 ? null : executed.Max(r => r.FinishedAt ?? r.StartedAt),
            PerSilo = executed.GroupBy(r => r.Silo ?? "?", StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal),
        };
    }
}
