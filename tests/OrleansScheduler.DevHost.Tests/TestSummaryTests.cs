namespace OrleansScheduler.DevHost.Tests;

public sealed class TestSummaryTests
{
    [Fact]
    public void Run_PrintsOneLinePerFileAndTheTotals_WhenEveryTestPassed()
    {
        using var folder = new TrxFolder("passed.trx", "passed.trx");

        var (status, stdout, stderr) = Summarize(folder.Path);

        Assert.Equal(0, status);
        Assert.Equal("4 passed, 0 failed\n", stdout);
        Assert.Equal(
            "test.sh: osched_net10.0_20261208000000.trx (sample.tests.dll): 2 total, 2 executed, 2 passed, 0 failed, 0 skipped\n" +
            "test.sh: osched_net10.0_20261208000001.trx (sample.tests.dll): 2 total, 2 executed, 2 passed, 0 failed, 0 skipped\n",
            stderr);
    }

    [Fact]
    public void Run_CountsTheFailureAndExitsOne_WhenATestFailed()
    {
        using var folder = new TrxFolder("passed.trx", "failed.trx");

        var (status, stdout, stderr) = Summarize(folder.Path);

        Assert.Equal(1, status);
        Assert.Equal("4 passed, 1 failed\n", stdout);
        Assert.Contains("test.sh: osched_net10.0_20261208000001.trx (sample.tests.dll): 3 total, 3 executed, 2 passed, 1 failed, 0 skipped\n", stderr);
        Assert.EndsWith($"test.sh: error: 1 test(s) failed: see the output above and the TRX files in {folder.Path}\n", stderr);
    }

    [Theory]
    [InlineData("crashed.trx", "Failed")]
    [InlineData("aborted.trx", "Aborted")]
    public void Run_CountsOneFailure_WhenTheTestHostCrashedWithoutAFailedTest(string fixture, string outcome)
    {
        using var folder = new TrxFolder(fixture);

        var (status, stdout, stderr) = Summarize(folder.Path);

        Assert.Equal(1, status);
        Assert.Equal("1 passed, 1 failed\n", stdout);
        Assert.Equal(
            "test.sh: osched_net10.0_20261208000000.trx (sample.tests.dll): 1 total, 1 executed, 1 passed, 1 failed, 0 skipped\n" +
            $"test.sh: error: osched_net10.0_20261208000000.trx: the run ended with outcome {outcome} but recorded no failed test (test host crash or hang?): counted as 1 failed\n" +
            $"test.sh: error: 1 test(s) failed: see the output above and the TRX files in {folder.Path}\n",
            stderr);
    }

    [Fact]
    public void Run_CountsNotExecutedResultsAsSkipped_WhenTheCountersSayNone()
    {
        using var folder = new TrxFolder("skipped.trx");

        var (status, stdout, stderr) = Summarize(folder.Path);

        Assert.Equal(0, status);
        Assert.Equal("2 passed, 0 failed, 1 skipped\n", stdout);
        Assert.Contains("3 total, 2 executed, 2 passed, 0 failed, 1 skipped", stderr);
    }

    [Fact]
    public void Run_ExitsOneWithZeroTotals_WhenNoTrxFileWasWritten()
    {
        using var folder = new TrxFolder();

        var (status, stdout, stderr) = Summarize(folder.Path);

        Assert.Equal(1, status);
        Assert.Equal("0 passed, 0 failed\n", stdout);
        Assert.Equal($"test.sh: error: no TRX file was written to {folder.Path}: does the solution contain a test project?\n", stderr);
    }

    [Fact]
    public void Run_ReportsTheFile_WhenItHasNoCountersOrIsNotXml()
    {
        using var folder = new TrxFolder("passed.trx");
        folder.Write("empty.trx", "<TestRun xmlns=\"http://microsoft.com/schemas/VisualStudio/TeamTest/2010\"><Results /></TestRun>");
        folder.Write("truncated.trx", "<TestRun><ResultSummary outcome=\"Completed\"><Counters total=\"1\"");

        var (status, stdout, stderr) = Summarize(folder.Path);

        Assert.Equal(1, status);
        Assert.Equal("2 passed, 0 failed\n", stdout);
        Assert.Contains("test.sh: error: empty.trx has no <Counters> element\n", stderr);
        Assert.Contains("test.sh: error: truncated.trx has no <Counters> element\n", stderr);
    }

    [Fact]
    public void Run_SaysNoTestRan_WhenTheFilterMatchedNothing()
    {
        using var folder = new TrxFolder();
        folder.Write("osched_x.trx", "<TestRun><ResultSummary outcome=\"Completed\"><Counters total=\"0\" executed=\"0\" passed=\"0\" failed=\"0\" /></ResultSummary></TestRun>");

        var (status, stdout, stderr) = Summarize(folder.Path);

        Assert.Equal(1, status);
        Assert.Equal("0 passed, 0 failed\n", stdout);
        Assert.Equal(
            "test.sh: osched_x.trx (no test): 0 total, 0 executed, 0 passed, 0 failed, 0 skipped\n" +
            "test.sh: error: no test ran (check the --filter, or whether the test projects contain tests)\n",
            stderr);
    }

    [Fact]
    public void Run_AddsTheExtraChecksAndTheirProblemsBeforeItsOwn_WhenTheBenchmarkFailed()
    {
        using var folder = new TrxFolder("passed.trx");

        var (status, stdout, stderr) = Summarize(folder.Path, "--extra-failed", "1", "--problem", "the benchmark smoke run (--quick) exited with 3", "--test-status", "1");

        Assert.Equal(1, status);
        Assert.Equal("2 passed, 1 failed\n", stdout);
        Assert.EndsWith(
            "test.sh: error: the benchmark smoke run (--quick) exited with 3\n" +
            $"test.sh: error: 1 test(s) failed: see the output above and the TRX files in {folder.Path}\n" +
            "test.sh: error: dotnet test exited with 1\n",
            stderr);
    }

    [Fact]
    public void Run_CountsTheBenchmarkAsOnePassed_WhenItSucceeded()
    {
        using var folder = new TrxFolder("passed.trx", "skipped.trx");

        var (status, stdout, _) = Summarize(folder.Path, "--extra-passed", "1");

        Assert.Equal(0, status);
        Assert.Equal("5 passed, 0 failed, 1 skipped\n", stdout);
    }

    [Theory]
    [InlineData(new string[0], "--results DIR is required")]
    [InlineData(new[] { "--results" }, "--results needs a value")]
    [InlineData(new[] { "--results", "x", "--extra-passed", "one" }, "--extra-passed needs a whole number")]
    [InlineData(new[] { "--results", "x", "--verbose" }, "unknown option: --verbose")]
    public void Parse_SaysWhatIsWrong_WhenTheCommandLineIsBad(string[] arguments, string message)
    {
        var error = Assert.Throws<UsageException>(() => TestSummaryOptions.Parse(arguments));

        Assert.Equal(message, error.Message);
    }

    private static (int Status, string Stdout, string Stderr) Summarize(string results, params string[] more)
    {
        using var stdout = new StringWriter { NewLine = "\n" };
        using var stderr = new StringWriter { NewLine = "\n" };
        var status = TestSummary.Run(TestSummaryOptions.Parse(["--results", results, .. more]), new ScriptLog("test.sh", stderr), stdout);
        return (status, stdout.ToString(), stderr.ToString());
    }
}
