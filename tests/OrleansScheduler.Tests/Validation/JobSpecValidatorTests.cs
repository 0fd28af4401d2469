using OrleansScheduler.Validation;
using static OrleansScheduler.Tests.Instants;

namespace OrleansScheduler.Tests.Validation;

/// <summary>
/// Each rule <see cref="JobSpecValidator"/> checks, one broken at a time against an otherwise valid job, and all of
/// them broken at once. Messages name the field, the bad value and the rule.
/// </summary>
public sealed partial class JobSpecValidatorTests
{
    private const string ValidId = "nightly-report";

    private static JobSpec ValidSpec() => new()
    {
        Schedule = JobSchedule.FromCron("0 8 * * *", "Europe/Berlin"),
        Handler = "send-report",
        Payload = """{"to":"ops"}""",
    };

    private static string SingleError(JobSpec spec, string? id = ValidId) =>
        Assert.Single(JobSpecValidator.Validate(id, spec));

    public static TheoryData<JobSchedule> ValidSchedules => new()
    {
        JobSchedule.FromCron("0 8 * * *", "Europe/Berlin"),
        JobSchedule.FromCron("*/5 * * * * *"),
        JobSchedule.FromCron("@daily", "America/New_York"),
        JobSchedule.Every(TimeSpan.FromSeconds(1)),
        JobSchedule.Every(TimeSpan.FromMinutes(5), At("2026-01-01T00:00:00Z")),
        JobSchedule.Once(At("2026-12-01T08:00:00Z")),
    };

    [Theory]
    [MemberData(nameof(ValidSchedules))]
    public void Validate_ReturnsNoErrors_WhenSpecIsValid(JobSchedule schedule)
    {
        Assert.Empty(JobSpecValidator.Validate(ValidId, ValidSpec() with { Schedule = schedule }));
    }

    [Fact]
    public void Validate_ReturnsNoErrors_WhenOptionalFieldsAreAbsent()
    {
        Assert.Empty(JobSpecValidator.Validate(ValidId, ValidSpec() with { Payload = null, Timeout = null }));
    }

    // ---- id ----

    [Fact]
    public void Validate_ReportsTheId_WhenIdBreaksARule()
    {
        Assert.Equal("id: \"my job\" has a character outside [A-Za-z0-9._:-]", SingleError(ValidSpec(), "my job"));
    }

    [Fact]
    public void Validate_ReportsMissingSpecAndTheId_WhenSpecIsNull()
    {
        Assert.Equal(
            ["id: is empty; expected 1-200 characters of [A-Za-z0-9._:-]", "spec: is required"],
            JobSpecValidator.Validate("", null));
    }

    // ---- cron and time zone ----

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Validate_ReportsEmptyCron_WhenCronIsEmptyOrWhitespace(string cron)
    {
        var error = SingleError(ValidSpec() with { Schedule = JobSchedule.FromCron(cron) });

        Assert.Equal("cron: is empty; expected 5 fields (minute hour day month weekday) or 6 with seconds first", error);
    }

    [Theory]
    [InlineData("0 8 * *", 4)]
    [InlineData("0 0 8 * * * 2026", 7)]
    public void Validate_ReportsFieldCount_WhenCronHasWrongNumberOfFields(string cron, int fields)
    {
        var error = SingleError(ValidSpec() with { Schedule = JobSchedule.FromCron(cron) });

        Assert.Equal($"cron: \"{cron}\" has {fields} fields; expected 5 (minute hour day month weekday) or 6 (seconds first)", error);
    }

    [Theory]
    [InlineData("0 25 * * *")]
    [InlineData("61 * * * *")]
    [InlineData("0 8 * * FUNDAY")]
    public void Validate_ReportsTheCron_WhenAFieldValueIsInvalid(string cron)
    {
        var error = SingleError(ValidSpec() with { Schedule = JobSchedule.FromCron(cron) });

        Assert.StartsWith($"cron: \"{cron}\" is not a valid cron expression: ", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("Europe/Berlín")]
    [InlineData("CEST")]
    public void Validate_ReportsTheZone_WhenTimeZoneIsUnknown(string timeZone)
    {
        var error = SingleError(ValidSpec() with { Schedule = JobSchedule.FromCron("0 8 * * *", timeZone) });

        Assert.Equal($"tz: \"{timeZone}\" is not a known IANA time zone (e.g. UTC, Europe/Berlin, America/New_York)", error);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    public void Validate_ReportsEmptyZone_WhenTimeZoneIsEmpty(string timeZone)
    {
        var error = SingleError(ValidSpec() with { Schedule = JobSchedule.FromCron("0 8 * * *", timeZone) });

        Assert.Equal("tz: is empty; expected an IANA time zone such as UTC or Europe/Berlin", error);
    }

    // ---- interval and once ----

    [Theory]
    [InlineData(999, "999ms")]
    [InlineData(0, "0s")]
    [InlineData(-5_000, "-5s")]
    public void Validate_ReportsIntervalAndMinimum_WhenIntervalIsBelowOneSecond(long milliseconds, string shown)
    {
        var error = SingleError(ValidSpec() with { Schedule = JobSchedule.Every(TimeSpan.FromMilliseconds(milliseconds)) });

        Assert.Equal($"every: \"{shown}\" is below the minimum interval of 1s", error);
    }

    [Fact]
    public void Validate_ReportsMissingInterval_WhenIntervalScheduleHasNone()
    {
        var error = SingleError(ValidSpec() with { Schedule = new JobSchedule { Kind = ScheduleKind.Interval } });

        Assert.Equal("every: is required for an interval schedule", error);
    }

    [Fact]
    public void Validate_ReportsMissingAt_WhenOnceScheduleHasNone()
    {
        var error = SingleError(ValidSpec() with { Schedule = new JobSchedule { Kind = ScheduleKind.Once } });

        Assert.Equal("at: is required for a one-shot schedule", error);
    }

    [Fact]
    public void Validate_ReportsMissingSchedule_WhenScheduleIsNull()
    {
        var error = SingleError(ValidSpec() with { Schedule = null! });

        Assert.Equal("schedule: is required (one of cron, every, at or in)", error);
    }

    // ---- all at once ----

    [Fact]
    public void Validate_ReportsEveryBrokenRuleTogether_InFieldOrder()
    {
        var spec = new JobSpec
        {
            Schedule = JobSchedule.FromCron("0 8 * *", "Nowhere/City"),
            Handler = "send report",
            Queue = "",
            Payload = "{not json",
            MaxAttempts = 0,
            Misfire = (MisfirePolicy)9,
            Overlap = (OverlapPolicy)9,
            Timeout = TimeSpan.FromDays(2),
        };

        var errors = JobSpecValidator.Validate("bad/id", spec);

        Assert.Equal(
            ["id", "cron", "tz", "handler", "queue", "payload", "maxAttempts", "misfire", "overlap", "timeout"],
            errors.Select(e => e[..e.IndexOf(':', StringComparison.Ordinal)]));
        Assert.Contains("\"bad/id\"", errors[0], StringComparison.Ordinal);
        Assert.Contains("\"0 8 * *\"", errors[1], StringComparison.Ordinal);
        Assert.Contains("\"Nowhere/City\"", errors[2], StringComparison.Ordinal);
        Assert.Contains("\"send report\"", errors[3], StringComparison.Ordinal);
        Assert.Equal("timeout: \"2d\" is outside 1ms-1d", errors[9]);
    }

    [Fact]
    public void ThrowIfInvalid_ThrowsWithEveryBrokenRule_WhenAnyRuleIsBroken()
    {
        var spec = ValidSpec() with { Handler = "", MaxAttempts = 101 };

        var ex = Assert.Throws<JobValidationException>(() => JobSpecValidator.ThrowIfInvalid(ValidId, spec));

        Assert.Equal(
            ["handler: is empty; expected 1-100 characters of [A-Za-z0-9._:-]", "maxAttempts: 101 is outside 1-100"],
            ex.Errors);
        Assert.Equal(
            "2 problems: handler: is empty; expected 1-100 characters of [A-Za-z0-9._:-]; maxAttempts: 101 is outside 1-100",
            ex.Message);
    }

    [Fact]
    public void ThrowIfInvalid_DoesNotThrow_WhenSpecIsValid()
    {
        JobSpecValidator.ThrowIfInvalid(ValidId, ValidSpec());
    }
}
