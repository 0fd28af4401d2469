using System.Text.Json;
using OrleansScheduler.Cli.Tests.Support;

namespace OrleansScheduler.Cli.Tests;

public sealed partial class ApplyCommandTests : IDisposable
{
    private readonly FakeCluster _cluster = new();
    private readonly string _directory = Directory.CreateTempSubdirectory("osched-apply-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string WriteFile(string json)
    {
        var path = Path.Combine(_directory, $"jobs-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        return path;
    }

    private string WriteJobs(params object[] jobs) => WriteFile(JsonSerializer.Serialize(jobs));

    private Task<CliRun> Apply(params string[] args) => Osched.RunAsync(_cluster, ["apply", .. args]);

    [Fact]
    public async Task Apply_SchedulesEveryJobAndPrintsTheSummary_WhenTheFileIsValid()
    {
        var file = WriteFile("""
            [
              // Comments and trailing commas are allowed.
              { "id": "nightly", "cron": "0 2 * * *", "tz": "Europe/Berlin", "handler": "report", "payload": { "to": "ops" } },
              { "id": "tick", "every": "5s", "start": "2026-01-01T00:00:00Z", "handler": "h", "maxAttempts": 5, "misfire": "Skip", "overlap": "Skip", "timeout": "30s" },
              { "id": "once", "in": "10m", "handler": "h", "queue": "slow" },
            ]
            """);

        var run = await Apply(file);

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.Equal(["applied 3 jobs (3 created or changed, 0 unchanged) in 0.00 s"], run.OutLines);
        Assert.Equal("{ \"to\": \"ops\" }", _cluster.Grain("nightly").Job!.Spec.Payload);
        Assert.Equal((5, MisfirePolicy.Skip, TimeSpan.FromSeconds(30)), (_cluster.Grain("tick").Job!.Spec.MaxAttempts, _cluster.Grain("tick").Job!.Spec.Misfire, _cluster.Grain("tick").Job!.Spec.Timeout));
        Assert.Equal(JobSchedule.Once(_cluster.Time.GetUtcNow().AddMinutes(10)), _cluster.Grain("once").Job!.Spec.Schedule);
    }

    [Fact]
    public async Task Apply_CountsUnchangedJobs_WhenTheSameFileIsAppliedAgain()
    {
        var file = WriteJobs(new { id = "a", every = "5s", handler = "h" }, new { id = "b", every = "5s", handler = "h" });
        await Apply(file);
        _cluster.Time.Advance(TimeSpan.FromSeconds(1));
        File.WriteAllText(file, JsonSerializer.Serialize(new object[] { new { id = "a", every = "5s", handler = "h" }, new { id = "b", every = "6s", handler = "h" } }));

        var run = await Apply(file);

        Assert.Equal(["applied 2 jobs (1 created or changed, 1 unchanged) in 0.00 s"], run.OutLines);
    }

    [Fact]
    public async Task Apply_NamesEveryBadEntryAndChangesNothing_WhenAnyEntryIsInvalid()
    {
        var file = WriteFile("""
            [
              { "id": "good", "every": "5s", "handler": "h" },
              { "id": "x", "cron": "* * * *", "handler": "h" },
              { "id": "y", "every": "5s", "handler": "h", "cronn": "0 2 * * *" },
              { "every": "5s", "handler": "h" },
              { "id": "good", "every": "1m", "handler": "h" },
              42,
              { "id": "z", "cron": "0 2 * * *", "every": "5s", "handler": "bad handler", "maxAttempts": 0 },
              { "id": "w", "every": "5s", "handler": "h", "maxAttempts": true }
            ]
            """);

        var run = await Apply(file);

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Equal(
        [
            "osched: jobs[1] (id \"x\"): cron: \"* * * *\" has 4 fields; expected 5 (minute hour day month weekday) or 6 (seconds first)",
            "osched: jobs[2] (id \"y\"): cronn: is not a known field",
            "osched: jobs[3]: id: is empty; expected 1-200 characters of [A-Za-z0-9._:-]",
            "osched: jobs[4] (id \"good\"): id: \"good\" is also the id of jobs[0]",
            "osched: jobs[5]: expected a job object, found a number",
            "osched: jobs[6] (id \"z\"): schedule: cron, every conflict; give exactly one of cron, every, at or in",
            "osched: jobs[6] (id \"z\"): handler: \"bad handler\" has a character outside [A-Za-z0-9._:-]",
            "osched: jobs[6] (id \"z\"): maxAttempts: 0 is outside 1-100",
            "osched: jobs[7] (id \"w\"): maxAttempts: expected a whole number, found a boolean",
            $"osched: {file}: 7 of 8 jobs are invalid; nothing was applied",
        ], run.ErrorLines);
        Assert.Empty(_cluster.Connections);
        Assert.Equal("", run.Out);
    }

    [Theory]
    [InlineData("{ \"id\": \"a\" }", "expected a JSON array of jobs, found an object")]
    [InlineData("[ { \"id\": \"a\", ", "is not valid JSON")]
    [InlineData("", "is not valid JSON")]
    public async Task Apply_ExitsWith2_WhenTheFileIsNotAJsonArray(string content, string expected)
    {
        var file = WriteFile(content);

        var run = await Apply(file);

        Osched.AssertInvalid(_cluster, run, $"{file}: {expected}");
    }

    [Fact]
    public async Task Apply_ExitsWith2_WhenTheFileDoesNotExist()
    {
        var file = Path.Combine(_directory, "missing.json");

        var run = await Apply(file);

        Osched.AssertInvalid(_cluster, run, $"file: \"{file}\" does not exist");
    }

    [Theory]
    [InlineData("0", "concurrency: 0 is outside 1-10000")]
    [InlineData("lots", "concurrency: \"lots\" is not a whole number")]
    public async Task Apply_ExitsWith2_WhenConcurrencyIsInvalid(string concurrency, string expected)
    {
        var run = await Apply(WriteJobs(), "--concurrency", concurrency);

        Osched.AssertInvalid(_cluster, run, expected);
    }

    [Fact]
    public async Task Apply_AppliesTheRestAndExitsWith2_WhenTheSiloRejectsSomeEntries()
    {
        var file = WriteJobs(
            new { id = "a", every = "5s", handler = "h" },
            new { id = "b", every = "5s", handler = FakeJobGrain.UnknownHandler },
            new { id = "c", every = "5s", handler = "h" });

        var run = await Apply(file);

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Equal(["applied 2 of 3 jobs (2 created or changed, 0 unchanged) in 0.00 s"], run.OutLines);
        Assert.Equal([$"osched: jobs[1] (id \"b\"): handler: \"{FakeJobGrain.UnknownHandler}\" is not a registered handler"], run.ErrorLines);
        Assert.NotNull(_cluster.Grain("c").Job);
    }

    [Fact]
    public async Task Apply_StopsAndExitsWith1_WhenAGrainCallFails()
    {
        var file = WriteJobs(new { id = "a", every = "5s", handler = FakeJobGrain.FailingHandler });

        var run = await Apply(file);

        Assert.Equal(ExitCodes.Failure, run.ExitCode);
        Assert.Equal(
        [
            "osched: jobs[0] (id \"a\"): Response did not arrive on time",
            "osched: stopped after a failure: applied 0 of 1 jobs (0 created or changed, 0 unchanged) in 0.00 s",
        ], run.ErrorLines);
    }

    [Fact]
    public async Task Apply_SchedulesTenThousandJobsConcurrently_WhenTheFileIsLarge()
    {
        var file = WriteJobs([.. Enumerable.Range(0, 10_000).Select(i => new { id = $"job-{i:D5}", every = "1h", handler = "h", payload = new { n = i } })]);

        var run = await Apply(file, "--concurrency", "64");

        Assert.Equal(["applied 10000 jobs (10000 created or changed, 0 unchanged) in 0.00 s"], run.OutLines);
        Assert.Equal("{\"n\":9999}", _cluster.Grain("job-09999").Job!.Spec.Payload);
    }
}
