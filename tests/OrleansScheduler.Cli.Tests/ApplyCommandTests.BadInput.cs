using OrleansScheduler.Cli.Tests.Support;

namespace OrleansScheduler.Cli.Tests;

/// <summary>
/// Apply files from the bad-input review of issue 21 (D2, D5, D8, D11): each is refused as a whole with exit 2, every
/// bad entry named, nothing applied and no connection made.
/// </summary>
public sealed partial class ApplyCommandTests
{
    private string WriteBytes(byte[] content)
    {
        var path = Path.Combine(_directory, $"jobs-{Guid.NewGuid():N}.json");
        File.WriteAllBytes(path, content);
        return path;
    }

    private void AssertRefusedAsAWhole(CliRun run, string file, int invalid, int total, params string[] expectedLines)
    {
        Assert.True(run.ExitCode == ExitCodes.InvalidInput, run.ToString());
        Assert.Equal([.. expectedLines, $"osched: {file}: {invalid} of {total} jobs are invalid; nothing was applied"], run.ErrorLines);
        Assert.Empty(_cluster.Connections);
        Assert.Equal("", run.Out);
    }

    [Fact]
    public async Task D8_Apply_ExitsWith2NamingTheEntry_WhenAPayloadIsInvalidUtf8()
    {
        // On 09fee01: exit 1 and "osched: Cannot transcode invalid UTF-8 JSON text to UTF-16 string."
        var file = WriteBytes([.. """[{"id":"u1","every":"1h","handler":"log","payload":"""u8, 0x22, 0xFF, 0xFE, .. "\"}]"u8]);

        var run = await Apply(file);

        AssertRefusedAsAWhole(run, file, 1, 1, "osched: jobs[0] (id \"u1\"): payload: is not valid UTF-8");
    }

    [Fact]
    public async Task D8_Apply_ExitsWith2NamingTheEntryByIndex_WhenTheIdIsInvalidUtf8()
    {
        var file = WriteBytes([.. "[{\"every\":\"1h\",\"handler\":\"log\",\"id\":\""u8, 0xC3, 0x28, .. "\"}]"u8]);

        var run = await Apply(file);

        AssertRefusedAsAWhole(run, file, 1, 1, "osched: jobs[0]: id: is not valid UTF-8");
    }

    [Fact]
    public async Task D5_Apply_ExitsWith2NamingEachEntry_WhenTheJsonIsLenient()
    {
        // On 09fee01 all four were applied: every 1s, maxAttempts 3, every 1h with handler log, every 2h.
        var file = WriteFile("""
            [
              { "id": "dk", "every": "1h", "every": "1s", "handler": "log" },
              { "id": "ns", "every": "1h", "handler": "log", "maxAttempts": "3" },
              { "id": "cs", "Every": "1h", "handler": "log" },
              { "id": "du", "every": "1h1h", "handler": "log" }
            ]
            """);

        var run = await Apply(file);

        AssertRefusedAsAWhole(run, file, 4, 4,
            "osched: jobs[0] (id \"dk\"): every: is given more than once",
            "osched: jobs[1] (id \"ns\"): maxAttempts: expected a whole number, found a string",
            "osched: jobs[2] (id \"cs\"): Every: is not a known field; field names are case-sensitive camelCase",
            "osched: jobs[3] (id \"du\"): every: \"1h1h\" is not a duration; use e.g. 500ms, 5s, 2m, 1h, 1d or 1h30m (each unit once, the larger first)");
    }

    [Fact]
    public async Task D2_Apply_ExitsWith2AndAppliesNothing_WhenAScheduleNeverFires()
    {
        var file = WriteJobs(
            new { id = "ok", every = "1h", handler = "log" },
            new { id = "feb30", cron = "0 0 30 2 *", handler = "log" },
            new { id = "far", every = "3000000d", handler = "log" });

        var run = await Apply(file);

        AssertRefusedAsAWhole(run, file, 2, 3,
            "osched: jobs[1] (id \"feb30\"): cron: \"0 0 30 2 *\" never occurs: it has no occurrence in the next 100 years",
            "osched: jobs[2] (id \"far\"): every: \"3000000d\" reaches past the end of the calendar: its first occurrence would fall after 9999-12-31T23:59:59.999Z");
    }

    [Fact]
    public async Task D6_Apply_ExitsWith2NamingTheField_WhenACronHoldsANul()
    {
        var file = WriteFile("""[{ "id": "nul", "cron": "0 0 * * *\u0000", "handler": "log" }]""");

        var run = await Apply(file);

        AssertRefusedAsAWhole(run, file, 1, 1,
            "osched: jobs[0] (id \"nul\"): cron: has a control character (U+0000) at character 10; control characters, tab and newline included, are not allowed");
    }

    [Fact]
    public async Task D11_Apply_NamesFieldsInJsonTerms_NotDotNetTypes()
    {
        var file = WriteFile("""
            [
              { "id": "t1", "cron": 5, "handler": "log" },
              { "id": "t2", "every": "1h", "handler": { "name": "log" } },
              { "id": "t3", "every": "1h", "handler": "log", "maxAttempts": 1.5 }
            ]
            """);

        var run = await Apply(file);

        AssertRefusedAsAWhole(run, file, 3, 3,
            "osched: jobs[0] (id \"t1\"): cron: expected a string, found a number",
            "osched: jobs[1] (id \"t2\"): handler: expected a string, found an object",
            "osched: jobs[2] (id \"t3\"): maxAttempts: expected a whole number");
        Assert.DoesNotContain("System.", run.Error, StringComparison.Ordinal);
    }
}
