namespace OrleansScheduler.DevHost;

/// <summary>
/// The <c>test-summary</c> verb: sums the TRX files of one <c>dotnet test</c> run and prints, as scripts/test.sh did,
/// one line per file and every problem on stderr, then the closing line <c>N passed, N failed[, N skipped]</c> on
/// stdout. CI reads that line: it must stay the last one printed.
/// </summary>
internal static class TestSummary
{
    /// <summary>Prints the summary; returns 0 when at least one test ran and nothing failed, else 1.</summary>
    /// <param name="options">The command line.</param>
    /// <param name="log">stderr, prefixed <c>test.sh:</c>.</param>
    /// <param name="output">stdout: the closing line.</param>
    public static int Run(TestSummaryOptions options, ScriptLog log, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        var files = Directory.Exists(options.Results)
            ? Directory.GetFiles(options.Results, "*.trx").OrderBy(Path.GetFileName, StringComparer.Ordinal).ToList()
            : [];
        var problems = new List<string>();
        int passed = 0, failed = 0, skipped = 0, executed = 0;
        foreach (var file in files)
        {
            var name = Path.GetFileName(file);
            if (TrxCounts.Read(file) is not { } counts)
            {
                problems.Add($"{name} has no <Counters> element");
                continue;
            }

            var failedHere = counts.Failed;
            // A test host that crashed or was stopped for hanging leaves outcome="Failed" (or "Aborted") with no failed
            // test, and the tests it had not reported yet missing: count such a run as one failure.
            if (failedHere == 0 && counts.Outcome is { } outcome && outcome is not ("Completed" or "Passed"))
            {
                problems.Add($"{name}: the run ended with outcome {outcome} but recorded no failed test (test host crash or hang?): counted as 1 failed");
                failedHere = 1;
            }

            log.Write($"{name} ({counts.Assembly ?? "no test"}): {counts.Total} total, {counts.Executed} executed, {counts.Passed} passed, {failedHere} failed, {counts.Skipped} skipped");
            passed += counts.Passed;
            failed += failedHere;
            skipped += counts.Skipped;
            executed += counts.Executed;
        }

        passed += options.ExtraPassed;
        failed += options.ExtraFailed;
        problems.AddRange(options.Problems);
        if (files.Count == 0)
        {
            problems.Add($"no TRX file was written to {options.Results}: does the solution contain a test project?");
        }
        else if (executed == 0)
        {
            problems.Add("no test ran (check the --filter, or whether the test projects contain tests)");
        }

        if (failed > 0)
        {
            problems.Add($"{failed} test(s) failed: see the output above and the TRX files in {options.Results}");
        }

        if (options.TestStatus != 0)
        {
            problems.Add($"dotnet test exited with {options.TestStatus}");
        }

        foreach (var problem in problems)
        {
            log.Error(problem);
        }

        output.WriteLine(ClosingLine(passed, failed, skipped));
        return problems.Count == 0 ? 0 : 1;
    }

    /// <summary><c>N passed, N failed</c>, with <c>, N skipped</c> when tests were skipped.</summary>
    public static string ClosingLine(int passed, int failed, int skipped) =>
        skipped > 0 ? $"{passed} passed, {failed} failed, {skipped} skipped" : $"{passed} passed, {failed} failed";
}
