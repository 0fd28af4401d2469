using System.Globalization;

namespace OrleansScheduler.DevHost;

/// <summary>
/// The command line of <c>test-summary</c>: <c>--results DIR [--extra-passed N] [--extra-failed N] [--test-status N]
/// [--problem TEXT]...</c>.
/// </summary>
internal sealed record TestSummaryOptions
{
    /// <summary>The folder of the TRX files, as it is to be named in messages (scripts/test.sh passes it relative to the repository).</summary>
    public required string Results { get; init; }

    /// <summary>Passed checks that are not in a TRX file (the benchmark smoke run).</summary>
    public int ExtraPassed { get; init; }

    /// <summary>Failed checks that are not in a TRX file (the benchmark smoke run).</summary>
    public int ExtraFailed { get; init; }

    /// <summary>The exit status of <c>dotnet test</c>.</summary>
    public int TestStatus { get; init; }

    /// <summary>Problems found before the summary (the benchmark's failure), reported in this order after the TRX files' own.</summary>
    public IReadOnlyList<string> Problems { get; init; } = [];

    /// <summary>Reads the options.</summary>
    /// <exception cref="UsageException">An unknown option, a missing value, or no <c>--results</c>.</exception>
    public static TestSummaryOptions Parse(IReadOnlyList<string> arguments)
    {
        string? results = null;
        int extraPassed = 0, extraFailed = 0, testStatus = 0;
        var problems = new List<string>();
        for (var i = 0; i < arguments.Count; i++)
        {
            var option = arguments[i];
            string Value() => i + 1 < arguments.Count ? arguments[++i] : throw new UsageException($"{option} needs a value");
            int Number() => int.TryParse(Value(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : throw new UsageException($"{option} needs a whole number");
            switch (option)
            {
                case "--results": results = Value(); break;
                case "--extra-passed": extraPassed = Number(); break;
                case "--extra-failed": extraFailed = Number(); break;
                case "--test-status": testStatus = Number(); break;
                case "--problem": problems.Add(Value()); break;
                default: throw new UsageException($"unknown option: {option}");
            }
        }

        return new TestSummaryOptions
        {
            Results = results ?? throw new UsageException("--results DIR is required"),
            ExtraPassed = extraPassed,
            ExtraFailed = extraFailed,
            TestStatus = testStatus,
            Problems = problems,
        };
    }
}
