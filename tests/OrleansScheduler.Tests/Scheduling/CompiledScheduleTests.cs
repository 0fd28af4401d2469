using OrleansScheduler.Scheduling;
using static OrleansScheduler.Tests.Instants;

namespace OrleansScheduler.Tests.Scheduling;

/// <summary>
/// Occurrence maths of <see cref="CompiledSchedule"/>. This file: compiling, cron in UTC and other zones, macros.
/// Daylight-saving transitions, intervals and one-shot schedules are in the sibling partial files.
/// </summary>
public sealed partial class CompiledScheduleTests
{
    private static CompiledSchedule Cron(string expression, string timeZone = JobSchedule.DefaultTimeZone) =>
        CompiledSchedule.Compile(JobSchedule.FromCron(expression, timeZone));

    [Fact]
    public void GetNextOccurrence_ReturnsNextMinute_ForFiveFieldEveryMinute()
    {
        var next = Cron("* * * * *").GetNextOccurrence(At("2026-01-01T10:00:30Z"));

        Assert.Equal("2026-01-01T10:01:00Z", Utc(next));
    }

    [Fact]
    public void GetNextOccurrence_IsStrictlyAfterTheGivenInstant_WhenThatInstantIsAnOccurrence()
    {
        var next = Cron("0 * * * *").GetNextOccurrence(At("2026-01-01T10:00:00Z"));

        Assert.Equal("2026-01-01T11:00:00Z", Utc(next));
    }

    [Theory]
    [InlineData("*/10 * * * * *", "2026-01-01T10:00:05Z", "2026-01-01T10:00:10Z")]
    [InlineData("30 0 12 * * *", "2026-01-01T10:00:00Z", "2026-01-01T12:00:30Z")]
    [InlineData("* * * * * *", "2026-01-01T10:00:00.5Z", "2026-01-01T10:00:01Z")]
    public void GetNextOccurrence_ReadsFirstFieldAsSeconds_WhenExpressionHasSixFields(string expression, string after, string expected)
    {
        Assert.Equal(expected, Utc(Cron(expression).GetNextOccurrence(At(after))));
    }

    [Theory]
    [InlineData("@every_second", "2026-01-01T10:00:01Z")]
    [InlineData("@every_minute", "2026-01-01T10:01:00Z")]
    [InlineData("@hourly", "2026-01-01T11:00:00Z")]
    [InlineData("@daily", "2026-01-02T00:00:00Z")]
    [InlineData("@midnight", "2026-01-02T00:00:00Z")]
    [InlineData("@weekly", "2026-01-04T00:00:00Z")]
    [InlineData("@monthly", "2026-02-01T00:00:00Z")]
    [InlineData("@yearly", "2027-01-01T00:00:00Z")]
    [InlineData("@annually", "2027-01-01T00:00:00Z")]
    public void GetNextOccurrence_FollowsMacro_WhenExpressionIsAMacro(string macro, string expected)
    {
        // 2026-01-01 is a Thursday, so @weekly (Sunday midnight) is 2026-01-04.
        Assert.Equal(expected, Utc(Cron(macro).GetNextOccurrence(At("2026-01-01T10:00:00Z"))));
    }

    [Fact]
    public void GetNextOccurrence_ReadsMacroInTheJobsTimeZone_WhenZoneIsNotUtc()
    {
        var next = Cron("@daily", "Europe/Berlin").GetNextOccurrence(At("2026-01-01T10:00:00Z"));

        Assert.Equal("2026-01-01T23:00:00Z", Utc(next));
    }

    [Theory]
    [InlineData("Europe/Berlin", "2026-01-15T00:00:00Z", "2026-01-15T07:00:00Z")]
    [InlineData("Europe/Berlin", "2026-07-15T00:00:00Z", "2026-07-15T06:00:00Z")]
    [InlineData("America/New_York", "2026-01-15T00:00:00Z", "2026-01-15T13:00:00Z")]
    [InlineData("America/New_York", "2026-07-15T00:00:00Z", "2026-07-15T12:00:00Z")]
    [InlineData("Asia/Kolkata", "2026-01-15T00:00:00Z", "2026-01-15T02:30:00Z")]
    [InlineData("Australia/Sydney", "2026-01-15T00:00:00Z", "2026-01-15T21:00:00Z")]
    [InlineData("UTC", "2026-01-15T00:00:00Z", "2026-01-15T08:00:00Z")]
    public void GetNextOccurrence_ReadsExpressionInTheJobsTimeZone_AndReturnsUtc(string timeZone, string after, string expected)
    {
        Assert.Equal(expected, Utc(Cron("0 8 * * *", timeZone).GetNextOccurrence(At(after))));
    }

    [Fact]
    public void GetNextOccurrence_TreatsTheGivenInstantAsAnInstant_WhateverItsOffset()
    {
        // 09:30+01:00 is 08:30Z: the 09:00 UTC occurrence of that day is still ahead.
        var next = Cron("0 9 * * *").GetNextOccurrence(At("2026-01-15T09:30:00+01:00"));

        Assert.Equal("2026-01-15T09:00:00Z", Utc(next));
    }

    [Fact]
    public void GetNextOccurrence_SkipsWeekend_WhenWeekdayRangeIsGiven()
    {
        var next = Cron("0 9 * * MON-FRI").GetNextOccurrence(At("2026-01-02T10:00:00Z"));

        Assert.Equal("2026-01-05T09:00:00Z", Utc(next));
    }

    [Fact]
    public void GetNextOccurrence_FindsNextLeapDay_WhenDayIsFebruary29()
    {
        var next = Cron("0 0 29 2 *").GetNextOccurrence(At("2026-01-01T00:00:00Z"));

        Assert.Equal("2028-02-29T00:00:00Z", Utc(next));
    }

    [Fact]
    public void GetNextOccurrence_ReturnsNull_WhenCronCanNeverMatch()
    {
        // Validation accepts "31 February" (Cronos parses it); such a job simply never becomes due.
        Assert.Null(Cron("0 0 31 2 *").GetNextOccurrence(At("2026-01-01T00:00:00Z")));
    }

    [Fact]
    public void Compile_ThrowsNamingEveryBrokenRule_WhenCronAndTimeZoneAreBothInvalid()
    {
        var ex = Assert.Throws<JobValidationException>(() => Cron("61 * * * *", "Mars/Olympus_Mons"));

        Assert.Collection(
            ex.Errors,
            e => Assert.StartsWith("cron: \"61 * * * *\" is not a valid cron expression:", e, StringComparison.Ordinal),
            e => Assert.StartsWith("tz: \"Mars/Olympus_Mons\" is not a known IANA time zone", e, StringComparison.Ordinal));
        Assert.StartsWith("2 problems: cron:", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryCompile_ReportsMissingSchedule_WhenScheduleIsNull()
    {
        var errors = new List<string>();

        Assert.Null(CompiledSchedule.TryCompile(null, errors));
        Assert.Equal(["schedule: is required (one of cron, every, at or in)"], errors);
    }

    [Fact]
    public void TryCompile_ReportsMissingInterval_WhenIntervalScheduleHasNone()
    {
        var errors = new List<string>();

        Assert.Null(CompiledSchedule.TryCompile(new JobSchedule { Kind = ScheduleKind.Interval }, errors));
        Assert.Equal(["every: is required for an interval schedule"], errors);
    }

    [Fact]
    public void TryCompile_ReportsMissingAt_WhenOnceScheduleHasNone()
    {
        var errors = new List<string>();

        Assert.Null(CompiledSchedule.TryCompile(new JobSchedule { Kind = ScheduleKind.Once }, errors));
        Assert.Equal(["at: is required for a one-shot schedule"], errors);
    }

    [Fact]
    public void TryCompile_ReportsUnknownKind_WhenKindIsNotDefined()
    {
        var errors = new List<string>();

        Assert.Null(CompiledSchedule.TryCompile(new JobSchedule { Kind = (ScheduleKind)7 }, errors));
        Assert.Equal(["schedule: unknown kind 7"], errors);
    }

    [Fact]
    public void TryCompile_Succeeds_WhenErrorsAlreadyHoldMessagesFromOtherFields()
    {
        var errors = new List<string> { "id: is empty" };

        Assert.NotNull(CompiledSchedule.TryCompile(JobSchedule.FromCron("0 8 * * *"), errors));
        Assert.Single(errors);
    }
}
