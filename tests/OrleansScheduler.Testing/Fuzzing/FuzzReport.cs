using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace OrleansScheduler.Testing.Fuzzing;

/// <summary>
/// What a fuzz run tried and found: cases and outcomes (accepted, rejected, by status) per target, and per
/// <see cref="FuzzCheck"/> the cases that broke it, each with the seed, case number and input to replay it.
/// Safe to fill from several threads.
/// </summary>
public sealed class FuzzReport(int seed)
{
    /// <summary>How many findings of each check are kept with their input (the count goes on).</summary>
    public const int MaxKeptFindings = 20;

    private readonly ConcurrentDictionary<(string Target, string Outcome), long> _outcomes = new();
    private readonly ConcurrentDictionary<string, long> _cases = new();
    private readonly ConcurrentDictionary<string, long> _failures = new();
    private readonly ConcurrentQueue<string> _findings = new();

    /// <summary>The seed: replays every case.</summary>
    public int Seed { get; } = seed;

    /// <summary>Cases run per target (<c>definition</c>, <c>http</c>, <c>apply</c>).</summary>
    public IReadOnlyDictionary<string, long> Cases => _cases.ToDictionary(c => c.Key, c => c.Value);

    /// <summary>Outcomes per target, e.g. (<c>http</c>, <c>400</c>) or (<c>definition</c>, <c>rejected</c>).</summary>
    public IReadOnlyDictionary<(string Target, string Outcome), long> Outcomes => _outcomes.ToDictionary(c => c.Key, c => c.Value);

    /// <summary>Each check with the number of cases that broke it (0 for those that held).</summary>
    public IReadOnlyList<(string Check, long Failures)> Checks => [.. FuzzCheck.All.Select(c => (c, _failures.GetValueOrDefault(c)))];

    /// <summary>The kept findings: check, case, reason and input.</summary>
    public IReadOnlyList<string> Findings => [.. _findings];

    /// <summary>Whether every check held.</summary>
    public bool Passed => _failures.IsEmpty;

    /// <summary>Counts one case of <paramref name="target"/> with its outcome.</summary>
    public void Count(string target, string outcome)
    {
        _cases.AddOrUpdate(target, 1, (_, n) => n + 1);
        _outcomes.AddOrUpdate((target, outcome), 1, (_, n) => n + 1);
    }

    /// <summary>Records that case <paramref name="caseIndex"/> of <paramref name="target"/> broke <paramref name="check"/>.</summary>
    public void Fail(string check, string target, int caseIndex, string reason, string input)
    {
        var count = _failures.AddOrUpdate(check, 1, (_, n) => n + 1);
        if (count <= MaxKeptFindings)
        {
            _findings.Enqueue(string.Create(CultureInfo.InvariantCulture,
                $"{check}: {target} case {caseIndex} (seed {Seed}): {reason}{Environment.NewLine}{input}"));
        }
    }

    /// <inheritdoc/>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"fuzz run, seed {Seed} (replay: {FuzzSeed.Variable}={Seed}, or --seed {Seed} in the benchmark harness): {(Passed ? "every check held" : "CHECKS BROKEN")}");
        foreach (var (target, cases) in Cases.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            var outcomes = Outcomes.Where(o => o.Key.Target == target).OrderBy(o => o.Key.Outcome, StringComparer.Ordinal)
                .Select(o => $"{o.Key.Outcome} {o.Value.ToString(CultureInfo.InvariantCulture)}");
            text.AppendLine(CultureInfo.InvariantCulture, $"  {target}: {cases} cases ({string.Join(", ", outcomes)})");
        }

        // Only the checks of the targets that ran: a 0 for a target that did not run would claim too much.
        foreach (var (check, failures) in Checks.Where(c => Cases.ContainsKey(c.Check.Split(':')[0])))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{(failures == 0 ? "ok  " : "FAIL")} {check}: {failures}");
        }

        foreach (var finding in Findings)
        {
            text.AppendLine("---").AppendLine(finding);
        }

        return text.ToString();
    }
}
