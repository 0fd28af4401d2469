using System.Globalization;
using OrleansScheduler.Benchmarks.Reporting;
using OrleansScheduler.Testing.Faults;

namespace OrleansScheduler.Benchmarks.Workloads;

/// <summary>
/// <c>faults</c>: the seeded fault run (<see cref="FaultRun"/>) in its long mode: three silos and Redis under random
/// faults every 12–25 s for the whole window (default 20 minutes), a workload of 24 jobs firing every second and
/// thousands of one-shots, then healed and audited. Each invariant is a check that must count 0; the seed is printed
/// and in the JSON, and <c>--seed</c> replays the same faults. Not part of <c>all</c>: it is long, and the test suite
/// runs its short mode.
/// </summary>
/// <param name="seed">The seed of every random choice.</param>
/// <param name="faultWindow">How long faults are injected.</param>
internal sealed class FaultsWorkload(int seed, TimeSpan faultWindow) : IWorkload
{
    /// <summary>How long faults are injected by default.</summary>
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromMinutes(20);

    /// <inheritdoc/>
    public string Name => "faults";

    /// <inheritdoc/>
    public async Task<WorkloadResult> RunAsync(WorkloadContext context, CancellationToken cancellationToken)
    {
        var options = FaultRunOptions.ForBenchmark(seed, faultWindow);
        var report = await FaultRun.RunAsync(options, line => context.Log(Name, line), cancellationToken).ConfigureAwait(false);
        context.Log(Name, report.ToString());
        var metrics = new List<Metric>
        {
            new() { Key = "faultWindow", Label = "faults injected for", Value = faultWindow.TotalMinutes, Unit = "min", Decimals = 1 },
        };
        metrics.AddRange(report.Counts.Select(c => new Metric { Key = Key(c.Key), Label = c.Key, Value = c.Value, Unit = "" }));
        metrics.AddRange(report.Checks.Select(c => Metric.Check(Key(c.Invariant), c.Invariant, c.Findings.Count)));
        return new WorkloadResult
        {
            Workload = Name,
            Parameters = new Dictionary<string, string>
            {
                ["seed"] = seed.ToString(CultureInfo.InvariantCulture),
                ["silos"] = options.Silos.ToString(CultureInfo.InvariantCulture),
                ["jobs every second"] = (options.IntervalJobs + options.CronJobs).ToString(CultureInfo.InvariantCulture),
                ["one-shots"] = options.OneShots.ToString(CultureInfo.InvariantCulture),
            },
            Metrics = metrics,
            Notes = [.. report.Faults.Select(f => "fault " + f), .. report.Checks.SelectMany(c => c.Findings.Take(20).Select(f => $"{c.Invariant}: {f}"))],
        };
    }

    private static string Key(string label)
    {
        var words = label.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return string.Concat(words.Select((w, i) => i == 0 ? w.ToLowerInvariant() : char.ToUpperInvariant(w[0]) + w[1..]));
    }
}
