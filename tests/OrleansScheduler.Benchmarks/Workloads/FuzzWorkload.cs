using System.Globalization;
using OrleansScheduler.Benchmarks.Reporting;
using OrleansScheduler.Testing.Fuzzing;

namespace OrleansScheduler.Benchmarks.Workloads;

/// <summary>
/// <c>fuzz</c>: the fuzz test (<see cref="FuzzRun"/>) in its long mode: generated job definitions in process for a
/// tenth of the window, generated requests against a real silo for three fifths, generated apply files for the rest
/// (default 10 minutes). Reports cases and outcomes per target; each check is a count that must be 0. The seed is
/// printed and in the JSON, and <c>--seed</c> replays the same inputs. Not part of <c>all</c>: the test suite runs the
/// short mode.
/// </summary>
/// <param name="seed">The seed of every generated input.</param>
/// <param name="duration">How long the three targets run in all.</param>
internal sealed class FuzzWorkload(int seed, TimeSpan duration) : IWorkload
{
    /// <summary>How long it runs by default.</summary>
    public static readonly TimeSpan DefaultDuration = TimeSpan.FromMinutes(10);

    /// <inheritdoc/>
    public string Name => "fuzz";

    /// <inheritdoc/>
    public async Task<WorkloadResult> RunAsync(WorkloadContext context, CancellationToken cancellationToken)
    {
        var report = await FuzzRun.RunAsync(FuzzRunOptions.ForBenchmark(seed, duration), line => context.Log(Name, line), cancellationToken).ConfigureAwait(false);
        context.Log(Name, report.ToString());
        var metrics = new List<Metric>
        {
            new() { Key = "duration", Label = "fuzzed for", Value = duration.TotalMinutes, Unit = "min", Decimals = 1 },
        };
        metrics.AddRange(report.Cases.OrderBy(c => c.Key, StringComparer.Ordinal)
            .Select(c => new Metric { Key = c.Key + "Cases", Label = c.Key + " cases", Value = c.Value, Unit = "" }));
        metrics.AddRange(report.Outcomes.OrderBy(o => o.Key.Target, StringComparer.Ordinal).ThenBy(o => o.Key.Outcome, StringComparer.Ordinal)
            .Select(o => new Metric { Key = Key($"{o.Key.Target} {o.Key.Outcome}"), Label = $"{o.Key.Target} {o.Key.Outcome}", Value = o.Value, Unit = "" }));
        metrics.AddRange(report.Checks.Select(c => Metric.Check(Key(c.Check), c.Check, (int)Math.Min(int.MaxValue, c.Failures))));
        return new WorkloadResult
        {
            Workload = Name,
            Parameters = new Dictionary<string, string>
            {
                ["seed"] = seed.ToString(CultureInfo.InvariantCulture),
                ["duration"] = duration.ToString(),
            },
            Metrics = metrics,
            Notes = [.. report.Findings],
        };
    }

    private static string Key(string label)
    {
        var words = label.Split([' ', ':', '(', ')', '.'], StringSplitOptions.RemoveEmptyEntries);
        return string.Concat(words.Select((w, i) => i == 0 ? w.ToLowerInvariant() : char.ToUpperInvariant(w[0]) + w[1..]));
    }
}
