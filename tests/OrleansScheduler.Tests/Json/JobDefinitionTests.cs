using OrleansScheduler.Json;
using static OrleansScheduler.Tests.Instants;

namespace OrleansScheduler.Tests.Json;

/// <summary>
/// <see cref="JobDefinition.ToSpec"/>: the definition's own rules (one schedule, where tz and start apply, instants
/// and durations as text, policies by name). Round trips and JSON reading are in the sibling partial file.
/// </summary>
public sealed partial class JobDefinitionTests
{
    private static readonly DateTimeOffset Now = At("2026-06-01T12:00:00Z");

    private static JobDefinition Minimal(string? cron = "0 8 * * *") => new() { Id = "nightly-report", Cron = cron, Handler = "send-report" };

    private static (JobSpec? Spec, List<string> Errors) Convert(JobDefinition definition)
    {
        var errors = new List<string>();
        return (definition.ToSpec(Now, errors), errors);
    }

    private static JobSpec ValidSpec(JobDefinition definition)
    {
        var (spec, errors) = Convert(definition);
        Assert.Empty(errors);
        return Assert.IsType<JobSpec>(spec);
    }

    private static string SingleError(JobDefinition definition)
    {
        var (spec, errors) = Convert(definition);
        Assert.Null(spec);
        return Assert.Single(errors);
    }

    [Fact]
    public void ToSpec_AppliesEveryDefault_WhenOnlyIdCronAndHandlerAreGiven()
    {
        var spec = ValidSpec(Minimal());

        Assert.Equal(
            new JobSpec { Schedule = JobSchedule.FromCron("0 8 * * *", "UTC"), Handler = "send-report" },
            spec);
        Assert.Equal(("default", 3, MisfirePolicy.FireOnce, OverlapPolicy.Allow), (spec.Queue, spec.MaxAttempts, spec.Misfire, spec.Overlap));
        Assert.Null(spec.Payload);
        Assert.Null(spec.Timeout);
    }

    [Fact]
    public void ToSpec_ReadsCronInTz_WhenTzIsGiven()
    {
        Assert.Equal(JobSchedule.FromCron("0 8 * * *", "Europe/Berlin"), ValidSpec(Minimal() with { Tz = "Europe/Berlin" }).Schedule);
    }

    [Fact]
    public void ToSpec_AnchorsIntervalAtStart_WhenEveryHasStart()
    {
        var spec = ValidSpec(Minimal(cron: null) with { Every = "5m", Start = "2026-01-01T00:00:00Z" });

        Assert.Equal(JobSchedule.Every(TimeSpan.FromMinutes(5), At("2026-01-01T00:00:00Z")), spec.Schedule);
    }

    [Fact]
    public void ToSpec_LeavesAnchorToTheGrain_WhenEveryHasNoStart()
    {
        Assert.Equal(JobSchedule.Every(TimeSpan.FromSeconds(30)), ValidSpec(Minimal(cron: null) with { Every = "30s" }).Schedule);
    }

    [Theory]
    [InlineData("2026-12-01T08:00:00Z")]
    [InlineData("2026-12-01T08:00:00.000Z")]
    [InlineData("2026-12-01T09:00:00+01:00")]
    [InlineData("2026-12-01T03:00:00-05:00")]
    [InlineData(" 2026-12-01T08:00:00Z ")]
    public void ToSpec_BuildsOnceAtTheInstant_WhenAtHasAnOffsetOrZ(string at)
    {
        var spec = ValidSpec(Minimal(cron: null) with { At = at });

        Assert.Equal(ScheduleKind.Once, spec.Schedule.Kind);
        Assert.Equal("2026-12-01T08:00:00Z", Utc(spec.Schedule.At!.Value.ToUniversalTime()));
    }

    [Theory]
    [InlineData("2026-12-01T08:00:00")]
    [InlineData("2026-12-01T08:00")]
    [InlineData("2026-12-01")]
    [InlineData("2026-12-01 08:00:00Z")]
    [InlineData("tomorrow")]
    [InlineData("")]
    public void ToSpec_ReportsTheText_WhenAtHasNoOffset(string at)
    {
        var error = SingleError(Minimal(cron: null) with { At = at });

        Assert.Equal($"at: \"{at}\" is not an ISO 8601 instant with an offset (e.g. 2026-12-01T08:00:00Z)", error);
    }

    public static TheoryData<string, TimeSpan> Delays => new()
    {
        { "500ms", TimeSpan.FromMilliseconds(500) },
        { "5s", TimeSpan.FromSeconds(5) },
        { "2m", TimeSpan.FromMinutes(2) },
        { "1h", TimeSpan.FromHours(1) },
        { "1d", TimeSpan.FromDays(1) },
        { "1h30m", TimeSpan.FromMinutes(90) },
    };

    [Theory]
    [MemberData(nameof(Delays))]
    public void ToSpec_ResolvesInRelativeToTheGivenNow(string delay, TimeSpan expected)
    {
        var spec = ValidSpec(Minimal(cron: null) with { In = delay });

        Assert.Equal(JobSchedule.Once(Now + expected), spec.Schedule);
    }

    [Theory]
    [MemberData(nameof(Delays))]
    public void ToSpec_ReadsTimeoutAsDuration(string text, TimeSpan expected)
    {
        Assert.Equal(expected, ValidSpec(Minimal() with { Timeout = text }).Timeout);
    }

    [Theory]
    [InlineData("every", "5 minutes")]
    [InlineData("every", "")]
    [InlineData("in", "soon")]
    [InlineData("in", "-5s")]
    [InlineData("timeout", "1.5s")]
    public void ToSpec_ReportsFieldAndText_WhenDurationIsNotNumberUnitParts(string field, string text)
    {
        var definition = field switch
        {
            "every" => Minimal(cron: null) with { Every = text },
            "in" => Minimal(cron: null) with { In = text },
            _ => Minimal() with { Timeout = text },
        };

        Assert.Equal($"{field}: \"{text}\" is not a duration; use e.g. 500ms, 5s, 2m, 1h, 1d or 1h30m (each unit once, the larger first)", SingleError(definition));
    }

    [Fact]
    public void ToSpec_ReportsMinimumInterval_WhenEveryParsesButIsBelowOneSecond()
    {
        Assert.Equal("every: \"500ms\" is below the minimum interval of 1s", SingleError(Minimal(cron: null) with { Every = "500ms" }));
    }

    [Fact]
    public void ToSpec_ReportsNoSchedule_WhenNoneOfCronEveryAtInIsGiven()
    {
        Assert.Equal("schedule: none given; give exactly one of cron, every, at or in", SingleError(Minimal(cron: null)));
    }

    [Theory]
    [InlineData(true, true, false, false, "cron, every")]
    [InlineData(true, false, true, false, "cron, at")]
    [InlineData(false, true, false, true, "every, in")]
    [InlineData(false, false, true, true, "at, in")]
    [InlineData(true, true, true, true, "cron, every, at, in")]
    public void ToSpec_ReportsEveryScheduleGiven_WhenMoreThanOneIsGiven(bool cron, bool every, bool at, bool @in, string named)
    {
        var definition = Minimal(cron: cron ? "0 8 * * *" : null) with
        {
            Every = every ? "5m" : null,
            At = at ? "2026-12-01T08:00:00Z" : null,
            In = @in ? "5m" : null,
        };

        Assert.Equal($"schedule: {named} conflict; give exactly one of cron, every, at or in", SingleError(definition));
    }

    [Theory]
    [InlineData("every")]
    [InlineData("at")]
    [InlineData("in")]
    public void ToSpec_ReportsTz_WhenScheduleIsNotCron(string kind)
    {
        var definition = WithSchedule(kind) with { Tz = "Europe/Berlin" };

        Assert.Equal("tz: applies only to a cron schedule", SingleError(definition));
    }

    [Theory]
    [InlineData("cron")]
    [InlineData("at")]
    [InlineData("in")]
    public void ToSpec_ReportsStart_WhenScheduleIsNotEvery(string kind)
    {
        var definition = WithSchedule(kind) with { Start = "2026-01-01T00:00:00Z" };

        Assert.Equal("start: applies only to an every schedule", SingleError(definition));
    }

    [Fact]
    public void ToSpec_ReportsTheText_WhenStartHasNoOffset()
    {
        var error = SingleError(Minimal(cron: null) with { Every = "5m", Start = "2026-01-01T00:00:00" });

        Assert.Equal("start: \"2026-01-01T00:00:00\" is not an ISO 8601 instant with an offset (e.g. 2026-12-01T08:00:00Z)", error);
    }

    [Fact]
    public void ToSpec_ReportsEmptyTz_WhenTzIsEmpty()
    {
        Assert.Equal("tz: is empty; expected an IANA time zone such as UTC or Europe/Berlin", SingleError(Minimal() with { Tz = "" }));
    }

    private static JobDefinition WithSchedule(string kind) => kind switch
    {
        "cron" => Minimal(),
        "every" => Minimal(cron: null) with { Every = "5m" },
        "at" => Minimal(cron: null) with { At = "2026-12-01T08:00:00Z" },
        _ => Minimal(cron: null) with { In = "5m" },
    };
}
