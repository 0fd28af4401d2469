using System.Text.Json;
using OrleansScheduler.Cli.Tests.Support;

namespace OrleansScheduler.Cli.Tests;

public sealed class ScheduleCommandTests
{
    private readonly FakeCluster _cluster = new();

    private Task<CliRun> Schedule(params string[] args) => Osched.RunAsync(_cluster, ["schedule", .. args]);

    [Theory]
    [InlineData("cron: \"* * * *\" has 4 fields", "--cron", "* * * *")]
    [InlineData("cron: \"* * * * * * *\" has 7 fields", "--cron", "* * * * * * *")]
    [InlineData("cron: \"61 * * * *\" is not a valid cron expression", "--cron", "61 * * * *")]
    [InlineData("tz: \"Mars/Olympus\" is not a known IANA time zone", "--cron", "0 2 * * *", "--tz", "Mars/Olympus")]
    [InlineData("every: \"5x\" is not a duration", "--every", "5x")]
    [InlineData("every: \"500ms\" is below the minimum interval of 1s", "--every", "500ms")]
    [InlineData("start: \"yesterday\" is not an ISO 8601 instant", "--every", "5s", "--start", "yesterday")]
    [InlineData("start: \"2026-12-01T08:00:00\" is not an ISO 8601 instant with an offset", "--every", "5s", "--start", "2026-12-01T08:00:00")]
    [InlineData("at: \"tomorrow\" is not an ISO 8601 instant", "--at", "tomorrow")]
    [InlineData("in: \"soon\" is not a duration", "--in", "soon")]
    [InlineData("tz: applies only to a cron schedule", "--every", "5s", "--tz", "Europe/Berlin")]
    [InlineData("start: applies only to an every schedule", "--cron", "0 2 * * *", "--start", "2026-12-01T08:00:00Z")]
    public async Task Schedule_ExitsWith2_WhenTheScheduleIsInvalid(string expected, params string[] scheduleArgs)
    {
        var run = await Schedule(["job-1", .. scheduleArgs, "--handler", "h"]);

        Osched.AssertInvalid(_cluster, run, expected);
    }

    [Fact]
    public async Task Schedule_ExitsWith2_WhenCronHasFourFields()
    {
        var run = await Schedule("job-1", "--cron", "0 2 * *", "--handler", "h");

        Osched.AssertInvalid(_cluster, run, "cron: \"0 2 * *\" has 4 fields; expected 5 (minute hour day month weekday) or 6 (seconds first)");
    }

    [Theory]
    [InlineData("cron, every", "--cron", "* * * * *", "--every", "5s")]
    [InlineData("at, in", "--at", "2026-12-01T08:00:00Z", "--in", "5m")]
    [InlineData("cron, every, at, in", "--cron", "* * * * *", "--every", "5s", "--at", "2026-12-01T08:00:00Z", "--in", "5m")]
    public async Task Schedule_ExitsWith2_WhenScheduleOptionsConflict(string names, params string[] scheduleArgs)
    {
        var run = await Schedule(["job-1", .. scheduleArgs, "--handler", "h"]);

        Osched.AssertInvalid(_cluster, run, $"schedule: {names} conflict; give exactly one of cron, every, at or in");
    }

    [Fact]
    public async Task Schedule_ExitsWith2_WhenNoScheduleIsGiven()
    {
        var run = await Schedule("job-1", "--handler", "h");

        Osched.AssertInvalid(_cluster, run, "schedule: none given; give exactly one of cron, every, at or in");
    }

    [Theory]
    [InlineData("id: \"bad id\" has a character outside [A-Za-z0-9._:-]", "bad id", "--handler", "h")]
    [InlineData("handler: is empty", "job-1")]
    [InlineData("handler: \"my handler\" has a character outside", "job-1", "--handler", "my handler")]
    [InlineData("queue: \"q/1\" has a character outside", "job-1", "--handler", "h", "--queue", "q/1")]
    [InlineData("payload: is not valid JSON", "job-1", "--handler", "h", "--payload", "{not json")]
    [InlineData("max-attempts: \"abc\" is not a whole number", "job-1", "--handler", "h", "--max-attempts", "abc")]
    [InlineData("maxAttempts: 0 is outside 1-100", "job-1", "--handler", "h", "--max-attempts", "0")]
    [InlineData("maxAttempts: 101 is outside 1-100", "job-1", "--handler", "h", "--max-attempts", "101")]
    [InlineData("misfire: \"Sometimes\" is not one of FireOnce, FireAll, Skip", "job-1", "--handler", "h", "--misfire", "Sometimes")]
    [InlineData("misfire: \"1\" is not one of FireOnce, FireAll, Skip", "job-1", "--handler", "h", "--misfire", "1")]
    [InlineData("overlap: \"Queue\" is not one of Allow, Skip", "job-1", "--handler", "h", "--overlap", "Queue")]
    [InlineData("timeout: \"forever\" is not a duration", "job-1", "--handler", "h", "--timeout", "forever")]
    [InlineData("timeout: \"2d\" is outside 1ms-1d", "job-1", "--handler", "h", "--timeout", "2d")]
    public async Task Schedule_ExitsWith2_WhenAFieldIsInvalid(string expected, params string[] args)
    {
        var run = await Schedule([.. args, "--every", "5s"]);

        Osched.AssertInvalid(_cluster, run, expected);
    }

    [Fact]
    public async Task Schedule_ExitsWith2_WhenTheIdIsTooLong()
    {
        var run = await Schedule(new string('x', 201), "--every", "5s", "--handler", "h");

        Osched.AssertInvalid(_cluster, run, "id: is 201 characters long; the limit is 200");
    }

    [Fact]
    public async Task Schedule_ExitsWith2_WhenThePayloadIsOver64KiB()
    {
        var payload = JsonSerializer.Serialize(new string('a', 64 * 1024));

        var run = await Schedule("job-1", "--every", "5s", "--handler", "h", "--payload", payload);

        Osched.AssertInvalid(_cluster, run, $"payload: is {payload.Length} bytes; the limit is 65536 bytes (64 KiB)");
    }

    [Fact]
    public async Task Schedule_ReportsEveryBrokenRule_WhenSeveralAreBroken()
    {
        var run = await Schedule("job-1", "--cron", "* * *", "--handler", "a b", "--max-attempts", "0", "--misfire", "Never");

        Osched.AssertInvalid(_cluster, run, "cron:");
        Assert.Contains(run.ErrorLines, l => l.StartsWith("osched: handler:", StringComparison.Ordinal));
        Assert.Contains(run.ErrorLines, l => l.StartsWith("osched: maxAttempts:", StringComparison.Ordinal));
        Assert.Contains(run.ErrorLines, l => l.StartsWith("osched: misfire:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Schedule_CreatesTheJobWithEveryOption_WhenTheInputIsValid()
    {
        var run = await Schedule(
            "nightly", "--cron", "0 0 2 * * *", "--tz", "Europe/Berlin", "--handler", "report", "--payload", "{\"to\": \"ops\"}",
            "--queue", "reports", "--max-attempts", "5", "--misfire", "skip", "--overlap", "Skip", "--timeout", "1m30s");

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.StartsWith("job \"nightly\" created: cron \"0 0 2 * * *\" Europe/Berlin; next due ", run.Out, StringComparison.Ordinal);
        var spec = _cluster.Grain("nightly").Job!.Spec;
        Assert.Equal(JobSchedule.FromCron("0 0 2 * * *", "Europe/Berlin"), spec.Schedule);
        Assert.Equal(("report", "{\"to\": \"ops\"}", "reports", 5), (spec.Handler, spec.Payload, spec.Queue, spec.MaxAttempts));
        Assert.Equal((MisfirePolicy.Skip, OverlapPolicy.Skip, TimeSpan.FromSeconds(90)), (spec.Misfire, spec.Overlap, spec.Timeout));
        Assert.Equal("", run.Error);
    }

    [Fact]
    public async Task Schedule_UsesTheDefaults_WhenOnlyScheduleAndHandlerAreGiven()
    {
        await Schedule("tick", "--every", "5s", "--start", "2026-03-01T12:00:00+01:00", "--handler", "h");

        var spec = _cluster.Grain("tick").Job!.Spec;
        Assert.Equal(JobSchedule.Every(TimeSpan.FromSeconds(5), new DateTimeOffset(2026, 3, 1, 11, 0, 0, TimeSpan.Zero)), spec.Schedule);
        Assert.Equal((null, JobSpec.DefaultQueue, JobSpec.DefaultMaxAttempts), (spec.Payload, spec.Queue, spec.MaxAttempts));
        Assert.Equal((MisfirePolicy.FireOnce, OverlapPolicy.Allow, (TimeSpan?)null), (spec.Misfire, spec.Overlap, spec.Timeout));
    }

    [Fact]
    public async Task Schedule_ResolvesInFromNow_WhenInIsGiven()
    {
        await Schedule("once", "--in", "1h30m", "--handler", "h");

        Assert.Equal(JobSchedule.Once(_cluster.Time.GetUtcNow().AddMinutes(90)), _cluster.Grain("once").Job!.Spec.Schedule);
    }

    [Fact]
    public async Task Schedule_SaysUnchangedThenUpdated_WhenScheduledAgain()
    {
        await Schedule("job-1", "--every", "5s", "--handler", "h");
        _cluster.Time.Advance(TimeSpan.FromSeconds(1));

        var same = await Schedule("job-1", "--every", "5s", "--handler", "h");
        _cluster.Time.Advance(TimeSpan.FromSeconds(1));
        var changed = await Schedule("job-1", "--every", "10s", "--handler", "h");

        Assert.StartsWith("job \"job-1\" unchanged: every 5s;", same.Out, StringComparison.Ordinal);
        Assert.StartsWith("job \"job-1\" updated: every 10s;", changed.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Schedule_PrintsTheJobView_WhenJsonIsGiven()
    {
        var run = await Schedule("job-1", "--at", "2026-12-01T08:00:00+01:00", "--handler", "h", "--payload", "[1,2]", "--json");

        using var document = JsonDocument.Parse(run.Out);
        var root = document.RootElement;
        Assert.Equal("job-1", root.GetProperty("id").GetString());
        Assert.Equal("2026-12-01T07:00:00.000Z", root.GetProperty("at").GetString());
        Assert.Equal([1, 2], root.GetProperty("payload").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal("2026-03-01T12:00:00.000Z", root.GetProperty("createdAt").GetString());
    }

    [Fact]
    public async Task Schedule_ExitsWith2_WhenTheSiloRejectsTheSpec()
    {
        var run = await Schedule("job-1", "--every", "5s", "--handler", FakeJobGrain.UnknownHandler);

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Equal([$"osched: handler: \"{FakeJobGrain.UnknownHandler}\" is not a registered handler"], run.ErrorLines);
    }

    [Fact]
    public async Task Schedule_ExitsWith1_WhenTheGrainCallFails()
    {
        var run = await Schedule("job-1", "--every", "5s", "--handler", FakeJobGrain.FailingHandler);

        Assert.Equal(ExitCodes.Failure, run.ExitCode);
        Assert.Equal(["osched: Response did not arrive on time"], run.ErrorLines);
    }

    [Fact]
    public async Task Schedule_ConnectsWithTheGlobalOptions_WhenTheyAreGiven()
    {
        await Osched.RunAsync(_cluster, "--redis", "redis.test:7000", "schedule", "job-1", "--every", "5s", "--handler", "h", "--service-id", "svc", "--cluster-id", "blue");

        Assert.Equal(new ConnectionSettings("redis.test:7000", "svc", "blue"), Assert.Single(_cluster.Connections));
    }

    [Fact]
    public async Task Schedule_ConnectsToOschedRedis_WhenRedisIsNotGiven()
    {
        await Osched.RunAsync(_cluster, name => name == "OSCHED_REDIS" ? "env-redis:6380" : null, "schedule", "job-1", "--every", "5s", "--handler", "h");

        Assert.Equal(new ConnectionSettings("env-redis:6380", "orleans-scheduler", "orleans-scheduler"), Assert.Single(_cluster.Connections));
    }

    [Fact]
    public async Task Schedule_ConnectsToLocalhost_WhenNeitherRedisNorOschedRedisIsGiven()
    {
        await Schedule("job-1", "--every", "5s", "--handler", "h");

        Assert.Equal(new ConnectionSettings("localhost:6379", "orleans-scheduler", "orleans-scheduler"), Assert.Single(_cluster.Connections));
    }
}
