using System.Globalization;
using OrleansScheduler.Benchmarks.Measurement;

namespace OrleansScheduler.Benchmarks.Workloads;

/// <summary>The notes an audit earns: how the runs split over the silos, and entries that were not successes.</summary>
internal static class AuditNotes
{
    /// <summary>E.g. <c>runs per silo: 127.0.0.1:40123@… 5,012, … 4,988</c>.</summary>
    public static IEnumerable<string> Describe(RunAudit audit)
    {
        if (audit.PerSilo.Count > 0)
        {
            yield return "runs per silo: " + string.Join(", ", audit.PerSilo.OrderBy(p => p.Key, StringComparer.Ordinal)
                .Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key} {p.Value:N0}")));
        }

        if (audit.NotSucceeded > 0)
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"{audit.NotSucceeded:N0} expected occurrence(s) have only failed or skipped entries");
        }
    }
}
