using System.Globalization;
using System.Text;

namespace OrleansScheduler.Testing.Faults;

/// <summary>What a <see cref="FaultRun"/> did and found: its seed, its faults, what ran, and the findings per invariant.</summary>
public sealed class FaultRunReport
{
    internal FaultRunReport(int seed, IReadOnlyList<FaultEvent> faults, IReadOnlyList<(string Invariant, IReadOnlyList<string> Findings)> checks, IReadOnlyDictionary<string, long> counts)
    {
        Seed = seed;
        Faults = faults;
        Checks = checks;
        Counts = counts;
    }

    /// <summary>The seed: run again with it to inject the same faults.</summary>
    public int Seed { get; }

    /// <summary>The faults injected, in order.</summary>
    public IReadOnlyList<FaultEvent> Faults { get; }

    /// <summary>Each invariant with what broke it (empty when it held).</summary>
    public IReadOnlyList<(string Invariant, IReadOnlyList<string> Findings)> Checks { get; }

    /// <summary>Figures of the run: executions, re-executions, occurrences recorded skipped, one-shots, faults by kind.</summary>
    public IReadOnlyDictionary<string, long> Counts { get; }

    /// <summary>Whether every invariant held.</summary>
    public bool Passed => Checks.All(c => c.Findings.Count == 0);

    /// <inheritdoc/>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"fault run, seed {Seed}: {(Passed ? "every invariant held" : "INVARIANTS BROKEN")}");
        text.AppendLine(CultureInfo.InvariantCulture, $"faults ({Faults.Count}): {string.Join(", ", Faults.GroupBy(f => f.Kind).Select(g => $"{g.Key} ×{g.Count()}"))}");
        foreach (var fault in Faults)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {fault}");
        }

        text.AppendLine(string.Join(", ", Counts.Select(c => $"{c.Key}: {c.Value.ToString(CultureInfo.InvariantCulture)}")));
        foreach (var (invariant, findings) in Checks)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{(findings.Count == 0 ? "ok  " : "FAIL")} {invariant}: {findings.Count}");
            foreach (var finding in findings.Take(20))
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"       {finding}");
            }

            if (findings.Count > 20)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"       … and {findings.Count - 20} more");
            }
        }

        return text.ToString();
    }
}
