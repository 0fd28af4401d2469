using OrleansScheduler.DevHost;

// The verbs: up and down (what scripts/up.sh and scripts/down.sh run), check-up (up.sh's refusal before it builds),
// test-summary (scripts/test.sh's closing line). A wrong command line exits 1 with the scripts' "error:" line; an
// unknown verb exits 2.
const string Usage = """
    usage: OrleansScheduler.DevHost up [--detach] [--redis-port N] [--no-demo] [--fresh] [--run-dir DIR]   (scripts/up.sh)
           OrleansScheduler.DevHost down [--run-dir DIR]                                                    (scripts/down.sh)
           OrleansScheduler.DevHost test-summary --results DIR [--extra-passed N] [--extra-failed N] [--test-status N] [--problem TEXT]...
    """;
Environment.SetEnvironmentVariable("DOTNET_CLI_TELEMETRY_OPTOUT", "1");
Environment.SetEnvironmentVariable("DOTNET_NOLOGO", "1");
var (script, run) = args switch
{
    ["up", .. var rest] => ("up.sh", (Func<ScriptLog, Task<int>>)(async log =>
    {
        using var up = new UpCommand(UpOptions.Parse(rest), log);
        return await up.RunAsync();
    })),
    ["check-up", .. var rest] => ("up.sh", log =>
    {
        using var up = new UpCommand(UpOptions.Parse(rest), log);
        return Task.FromResult(up.Check());
    }),
    ["down", .. var rest] => ("down.sh", log => new DownCommand(DownCommand.ParseRunDirectory(rest), log).RunAsync()),
    ["test-summary", .. var rest] => ("test.sh", log => Task.FromResult(TestSummary.Run(TestSummaryOptions.Parse(rest), log, Console.Out))),
    _ => ("", null),
};
if (run is null)
{
    await Console.Error.WriteLineAsync(Usage);
    return 2;
}

var scriptLog = new ScriptLog(script, Console.Error);
try
{
    return await run(scriptLog);
}
catch (UsageException ex)
{
    scriptLog.Error(ex.Message);
    return 1;
}
