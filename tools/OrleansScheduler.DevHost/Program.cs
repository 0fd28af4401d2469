using OrleansScheduler.DevHost;

// The verbs: test-summary (scripts/test.sh's closing line). Exit code 2: the command line is wrong.
const string Usage = "usage: OrleansScheduler.DevHost test-summary --results DIR [--extra-passed N] [--extra-failed N] [--test-status N] [--problem TEXT]...";
try
{
    return args switch
    {
        ["test-summary", .. var rest] => TestSummary.Run(TestSummaryOptions.Parse(rest), new ScriptLog("test.sh", Console.Error), Console.Out),
        _ => throw new UsageException(Usage),
    };
}
catch (UsageException ex)
{
    await Console.Error.WriteLineAsync("OrleansScheduler.DevHost: " + ex.Message);
    return 2;
}
