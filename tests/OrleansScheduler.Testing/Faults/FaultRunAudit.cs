using System.Globalization;

namespace OrleansScheduler.Testing.Faults;

/// <summary>
/// Checks what a <see cref="FaultRun"/> saw against the scheduler's promises, each invariant on its own, from the
/// executions an independent receiver recorded and from the histories in Redis (never from the scheduler's word alone).
/// </summary>
internal static class FaultRunAudit
{
    private const string Succeeded = "Succeeded";
    private const string Skipped = "Skipped";

    // After the heal, every recurring job must fire again within this.
    private static readonly TimeSpan HealDeadline = TimeSpan.FromSeconds(30);

    /// <summary>The findings per invariant (an empty list: it held), in a fixed order.</summary>
    public static IReadOnlyList<(string Invariant, IReadOnlyList<string> Findings)> Check(FaultRunObservations seen, FaultRunOptions options) =>
    [
        ("one-shots lost", LostOneShots(seen)),
        ("occurrences enqueued twice", EnqueuedTwice(seen)),
        ("re-executions not explained by a silo going down", UnexplainedRepeats(seen, options)),
        ("recurring jobs stalled after the heal", StalledAfterHeal(seen)),
        ("runs stranded", seen.LeftInRedis),
        ("occurrences neither run nor recorded", Unaccounted(seen)),
        ("occurrences recorded Skipped twice or Skipped although they ran", FalseSkips(seen)),
        ("occurrences late while the cluster was healthy", LateWhileHealthy(seen, options)),
    ];

    /// <summary>The spans in which the cluster is not held to punctuality: a fault and the recovery after it.</summary>
    public static IReadOnlyList<(DateTimeOffset From, DateTimeOffset To)> Disturbed(FaultRunObservations seen, FaultRunOptions options) =>
        [.. seen.Faults.Select(f => (f.StartedAt, f.EndedAt + options.Recovery))];

    private static List<string> LostOneShots(FaultRunObservations seen)
    {
        var arrived = seen.Arrivals.Select(a => a.RunId).ToHashSet(StringComparer.Ordinal);
        return [.. seen.Workload.OneShots.Select(o => RunIds.Scheduled(o.Key, o.Value)).Where(id => !arrived.Contains(id)).Order(StringComparer.Ordinal)];
    }

    // Two settled attempts with the same run id and attempt number can only come from two enqueues (a recovered run's
    // first execution is never settled: its silo died, or its settle found the run moved away).
    private static List<string> EnqueuedTwice(FaultRunObservations seen) =>
        [.. seen.Histories.Values.SelectMany(h => h)
            .Where(h => h.Status != Skipped)
            .GroupBy(h => (h.RunId, h.Attempt))
            .Where(g => g.Count() > 1)
            .Select(g => $"{g.Key.RunId} attempt {g.Key.Attempt} settled {g.Count()} times")];

    private static List<string> UnexplainedRepeats(FaultRunObservations seen, FaultRunOptions options)
    {
        var findings = new List<string>();
        foreach (var repeated in seen.Arrivals.GroupBy(a => (a.RunId, a.Attempt)).Where(g => g.Count() > 1))
        {
            var first = repeated.Min(a => a.ArrivedAt);
            var last = repeated.Max(a => a.ArrivedAt);
            if (!seen.Faults.Any(f => f.CanRepeatRuns && f.StartedAt <= last && f.EndedAt + options.Recovery >= first))
            {
                findings.Add($"{repeated.Key.RunId} attempt {repeated.Key.Attempt} ran {repeated.Count()} times ({string.Join(", ", repeated.Select(a => a.ArrivedAt.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture)))}) with no silo going down in between");
            }
        }

        return findings;
    }

    private static List<string> StalledAfterHeal(FaultRunObservations seen)
    {
        var findings = new List<string>();
        foreach (var id in seen.Workload.Recurring)
        {
            var next = seen.Arrivals.Where(a => a.JobId == id && Occurrence(a.RunId) > seen.HealedAt).Select(a => (DateTimeOffset?)a.ArrivedAt).Min();
            if (next is null || next > seen.HealedAt + HealDeadline)
            {
                findings.Add($"{id}: {(next is null ? "never fired" : $"first fired {(next.Value - seen.HealedAt).TotalSeconds:0.0} s")} after the heal");
            }
        }

        return findings;
    }

    // Every occurrence of a recurring job, from its creation until it was paused, either ran or is recorded Skipped
    // (one by one, or in a summary of older ones, "{job}@missed-before-{instant}").
    private static List<string> Unaccounted(FaultRunObservations seen)
    {
        var findings = new List<string>();
        foreach (var id in seen.Workload.Recurring)
        {
            var history = seen.Histories.GetValueOrDefault(id) ?? [];
            var accounted = seen.Arrivals.Where(a => a.JobId == id).Select(a => a.RunId).Concat(history.Select(h => h.RunId)).ToHashSet(StringComparer.Ordinal);
            var summarisedBefore = history.Where(h => h.RunId.Contains("@missed-before-", StringComparison.Ordinal)).Select(h => (DateTimeOffset?)h.Occurrence).Max();
            var missing = FaultWorkload.Seconds(seen.AppliedAt + TimeSpan.FromSeconds(1), seen.PausedAt - TimeSpan.FromSeconds(2))
                .Where(t => !(t < summarisedBefore) && !accounted.Contains(RunIds.Scheduled(id, t)))
                .ToList();
            if (missing.Count > 0)
            {
                findings.Add($"{id}: {missing.Count} occurrence(s), e.g. {string.Join(", ", missing.Take(5).Select(InstantFormat.Format))}");
            }
        }

        return findings;
    }

    private static List<string> FalseSkips(FaultRunObservations seen)
    {
        var ran = seen.Arrivals.Select(a => a.RunId)
            .Concat(seen.Histories.Values.SelectMany(h => h).Where(h => h.Status == Succeeded).Select(h => h.RunId))
            .ToHashSet(StringComparer.Ordinal);
        var findings = new List<string>();
        foreach (var skipped in seen.Histories.Values.SelectMany(h => h).Where(h => h.Status == Skipped).GroupBy(h => h.RunId, StringComparer.Ordinal))
        {
            if (skipped.Count() > 1)
            {
                findings.Add($"{skipped.Key}: recorded Skipped {skipped.Count()} times");
            }

            if (ran.Contains(skipped.Key))
            {
                findings.Add($"{skipped.Key}: recorded Skipped, but it ran");
            }
        }

        return findings;
    }

    private static List<string> LateWhileHealthy(FaultRunObservations seen, FaultRunOptions options)
    {
        var disturbed = Disturbed(seen, options);
        bool Healthy(DateTimeOffset t) => t >= seen.AppliedAt + TimeSpan.FromSeconds(5) && t < seen.PausedAt - TimeSpan.FromSeconds(2) && !disturbed.Any(d => t >= d.From && t <= d.To);
        var firstArrival = seen.Arrivals.GroupBy(a => a.RunId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Min(a => a.ArrivedAt), StringComparer.Ordinal);
        var due = seen.Workload.OneShots.Select(o => (Id: RunIds.Scheduled(o.Key, o.Value), At: o.Value))
            .Concat(seen.Workload.Recurring.SelectMany(id => FaultWorkload.Seconds(seen.AppliedAt, seen.PausedAt).Select(t => (Id: RunIds.Scheduled(id, t), At: t))));
        var findings = new List<string>();
        foreach (var (runId, at) in due.Where(d => Healthy(d.At)))
        {
            var lateness = firstArrival.TryGetValue(runId, out var arrived) ? arrived - at : (TimeSpan?)null;
            if (lateness is null || lateness > options.HealthyLateness)
            {
                findings.Add($"{runId}: {(lateness is null ? "never ran" : $"ran {lateness.Value.TotalSeconds:0.0} s late")}");
            }
        }

        return findings;
    }

    private static DateTimeOffset? Occurrence(string runId) =>
        RunIds.TryGetOccurrence(runId, out var occurrence) ? occurrence : null;
}
