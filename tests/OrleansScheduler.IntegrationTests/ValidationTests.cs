using OrleansScheduler.IntegrationTests.Support;

namespace OrleansScheduler.IntegrationTests;

/// <summary>Every kind of bad input is rejected by the silo with a message naming it, and Redis is left unchanged.</summary>
public sealed class ValidationTests(SchedulerCluster fixture) : IClassFixture<SchedulerCluster>
{
    private static readonly JobSchedule Valid = JobSchedule.Every(TimeSpan.FromMinutes(1));

    public static TheoryData<string, string, string> BadInputs() => new()
    {
        { "bad-cron", "cron", "cron: \"0 0 99 * *\" is not a valid cron expression" },
        { "empty-cron", "empty-cron", "cron: is empty" },
        { "four-fields", "four-fields", "has 4 fields" },
        { "bad-tz", "bad-tz", "tz: \"Mars/Olympus\" is not a known IANA time zone" },
        { "zero-interval", "zero-interval", "every: \"0s\" is below the minimum interval of 1s" },
        { "short-interval", "short-interval", "every: \"500ms\" is below the minimum interval of 1s" },
        { "no-at", "no-at", "at: is required" },
        { "unknown-handler", "unknown-handler", "handler: \"nope\" is not registered" },
        { "big-payload", "big-payload", "payload: is 65537 bytes; the limit is 65536 bytes" },
        { "not-json", "not-json", "payload: is not valid JSON" },
        { "http-no-url", "http-no-url", "payload.url" },
        { "bad space id", "valid", "id: \"bad space id\" has a character outside" },
        { new string('x', 201), "valid", "id: is 201 characters long; the limit is 200" },
        { "bad-attempts", "bad-attempts", "maxAttempts: 0 is outside 1-100" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task Schedule_RejectsBadInput_WithAClearError_AndLeavesRedisUnchanged(string id, string variant, string expected)
    {
        var before = await fixture.SnapshotAsync();

        var error = await Assert.ThrowsAsync<JobValidationException>(() => fixture.Job(id).Schedule(Spec(variant)));

        Assert.Contains(error.Errors, e => e.Contains(expected, StringComparison.Ordinal));
        Assert.Equal(before, await fixture.SnapshotAsync());
    }

    [Fact]
    public async Task Schedule_ReportsEveryBrokenRule_AtOnce()
    {
        var error = await Assert.ThrowsAsync<JobValidationException>(() => fixture.Job("two bad").Schedule(new JobSpec
        {
            Schedule = JobSchedule.FromCron("nope", "Nowhere/Land"),
            Handler = "x",
            Payload = "{",
        }));

        Assert.True(error.Errors.Length >= 4, string.Join(" | ", error.Errors));
    }

    [Fact]
    public async Task RejectedReplacement_KeepsTheExistingJobAsItWas()
    {
        var id = SchedulerCluster.NewJobId("keep");
        var original = await fixture.Job(id).Schedule(new JobSpec { Schedule = JobSchedule.FromCron("0 0 1 1 *"), Handler = "log" });
        var before = await fixture.SnapshotAsync();

        await Assert.ThrowsAsync<JobValidationException>(() => fixture.Job(id).Schedule(Spec("cron")));

        Assert.Equal(before, await fixture.SnapshotAsync());
        Assert.Equal(original.Spec, (await fixture.Job(id).Get())!.Spec);
    }

    public static TheoryData<JobSpec, string> SchedulesThatNeverFire() => new()
    {
        { new JobSpec { Schedule = JobSchedule.FromCron("0 0 30 2 *"), Handler = "log" }, "cron: \"0 0 30 2 *\" never occurs: it has no occurrence in the next 100 years" },
        { new JobSpec { Schedule = JobSchedule.FromCron("0 0 0 31W 2 *", "Europe/Berlin"), Handler = "log" }, "cron: \"0 0 0 31W 2 *\" never occurs" },
        { new JobSpec { Schedule = JobSchedule.Every(TimeSpan.FromDays(3_000_000)), Handler = "log" }, "every: \"3000000d\" reaches past the end of the calendar" },
        { new JobSpec { Schedule = JobSchedule.Every(TimeSpan.FromDays(3_000_000), new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero)), Handler = "log" }, "every: \"3000000d\" reaches past the end of the calendar" },
    };

    [Theory]
    [MemberData(nameof(SchedulesThatNeverFire))]
    public async Task D2_Schedule_RejectsASchedule_ThatNeverFires_AndLeavesRedisUnchanged(JobSpec spec, string expected)
    {
        // On 09fee01 these were stored as active jobs without a next due time.
        var before = await fixture.SnapshotAsync();

        var error = await Assert.ThrowsAsync<JobValidationException>(() => fixture.Job(SchedulerCluster.NewJobId("never")).Schedule(spec));

        Assert.StartsWith(expected, Assert.Single(error.Errors), StringComparison.Ordinal);
        Assert.Equal(before, await fixture.SnapshotAsync());
    }

    public static TheoryData<JobSpec, string> ControlCharacters() => new()
    {
        { new JobSpec { Schedule = JobSchedule.FromCron("0 0 * * *\0"), Handler = "log" }, "cron" },
        { new JobSpec { Schedule = JobSchedule.FromCron("0 0 * * *", "UTC\n"), Handler = "log" }, "tz" },
        { new JobSpec { Schedule = Valid, Handler = "log", Queue = "default\u0007" }, "queue" },
        { new JobSpec { Schedule = Valid, Handler = "http", Payload = """{"url":"http://127.0.0.1:1/","headers":{"X-A":"a\u0000"}}""" }, "payload.headers[\"X-A\"]" },
        { new JobSpec { Schedule = Valid, Handler = "http", Payload = """{"url":"http://127.0.0.1:1/\r\nX: y"}""" }, "payload.url" },
    };

    [Theory]
    [MemberData(nameof(ControlCharacters))]
    public async Task D6_Schedule_RejectsAControlCharacter_NamingTheField_AndLeavesRedisUnchanged(JobSpec spec, string field)
    {
        // On 09fee01 the cron with a NUL, the header with one and the URL with CRLF were stored.
        var before = await fixture.SnapshotAsync();

        var error = await Assert.ThrowsAsync<JobValidationException>(() => fixture.Job(SchedulerCluster.NewJobId("control")).Schedule(spec));

        Assert.StartsWith($"{field}: has a control character (U+", Assert.Single(error.Errors), StringComparison.Ordinal);
        Assert.Equal(before, await fixture.SnapshotAsync());
    }

    private static JobSpec Spec(string variant) => variant switch
    {
        "cron" => new JobSpec { Schedule = JobSchedule.FromCron("0 0 99 * *"), Handler = "log" },
        "empty-cron" => new JobSpec { Schedule = JobSchedule.FromCron(" "), Handler = "log" },
        "four-fields" => new JobSpec { Schedule = JobSchedule.FromCron("0 0 1 *"), Handler = "log" },
        "bad-tz" => new JobSpec { Schedule = JobSchedule.FromCron("0 0 1 * *", "Mars/Olympus"), Handler = "log" },
        "zero-interval" => new JobSpec { Schedule = JobSchedule.Every(TimeSpan.Zero), Handler = "log" },
        "short-interval" => new JobSpec { Schedule = JobSchedule.Every(TimeSpan.FromMilliseconds(500)), Handler = "log" },
        "no-at" => new JobSpec { Schedule = new JobSchedule { Kind = ScheduleKind.Once }, Handler = "log" },
        "unknown-handler" => new JobSpec { Schedule = Valid, Handler = "nope" },
        "big-payload" => new JobSpec { Schedule = Valid, Handler = "log", Payload = $"\"{new string('a', 65535)}\"" },
        "not-json" => new JobSpec { Schedule = Valid, Handler = "log", Payload = "print('hello')" },
        "http-no-url" => new JobSpec { Schedule = Valid, Handler = "http", Payload = """{"method":"POST"}""" },
        "bad-attempts" => new JobSpec { Schedule = Valid, Handler = "log", MaxAttempts = 0 },
        _ => new JobSpec { Schedule = Valid, Handler = "log" },
    };
}
