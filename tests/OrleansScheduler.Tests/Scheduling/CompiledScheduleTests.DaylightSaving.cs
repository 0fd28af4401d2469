using static OrleansScheduler.Tests.Instants;

namespace OrleansScheduler.Tests.Scheduling;

/// <summary>
/// Cron across daylight-saving transitions, as Cronos computes them. 2026 transitions used here:
/// Europe/Berlin springs forward on 29 March (02:00 CET → 03:00 CEST, at 01:00Z) and falls back on 25 October
/// (03:00 CEST → 02:00 CET, at 01:00Z: 02:00-02:59 local happens twice); America/New_York springs forward on 8 March
/// (02:00 EST → 03:00 EDT, at 07:00Z) and falls back on 1 November (02:00 EDT → 01:00 EST, at 06:00Z: 01:00-01:59 twice).
/// </summary>
public sealed partial class CompiledScheduleTests
{
    // ---- Spring forward: local times in the gap do not exist. ----

    [Theory]
    [InlineData("30 2 * * *", "Europe/Berlin", "2026-03-28T12:00:00Z", "2026-03-29T01:00:00Z")]
    [InlineData("0 30 2 * * *", "Europe/Berlin", "2026-03-28T12:00:00Z", "2026-03-29T01:00:00Z")]
    [InlineData("30 2 * * *", "America/New_York", "2026-03-07T12:00:00Z", "2026-03-08T07:00:00Z")]
    [InlineData("0 2 * * *", "America/New_York", "2026-03-07T12:00:00Z", "2026-03-08T07:00:00Z")]
    public void GetNextOccurrence_SkipsToFirstValidInstant_WhenTimeFallsInSpringGap(
        string expression, string timeZone, string after, string expected)
    {
        // 02:30 does not exist that night; Cronos runs it at the end of the gap, 03:00 local summer time.
        Assert.Equal(expected, Utc(Cron(expression, timeZone).GetNextOccurrence(At(after))));
    }

    [Theory]
    [InlineData("Europe/Berlin", "2026-03-27T12:00:00Z", "2026-03-28T01:30:00Z", "2026-03-29T01:00:00Z", "2026-03-30T00:30:00Z")]
    [InlineData("America/New_York", "2026-03-06T12:00:00Z", "2026-03-07T07:30:00Z", "2026-03-08T07:00:00Z", "2026-03-09T06:30:00Z")]
    public void GetNextOccurrences_RunsDailyJobOncePerDay_AcrossSpringGap(
        string timeZone, string after, string dayBefore, string gapDay, string dayAfter)
    {
        var occurrences = Cron("30 2 * * *", timeZone).GetNextOccurrences(At(after), 3);

        Assert.Equal([dayBefore, gapDay, dayAfter], Utc(occurrences));
    }

    [Fact]
    public void GetNextOccurrence_DoesNotRunGapJobAgain_WhenAskedAtTheAdjustedInstant()
    {
        var next = Cron("30 2 * * *", "Europe/Berlin").GetNextOccurrence(At("2026-03-29T01:00:00Z"));

        Assert.Equal("2026-03-30T00:30:00Z", Utc(next));
    }

    [Theory]
    [InlineData("Europe/Berlin", "2026-03-28T23:30:00Z", "2026-03-29T00:00:00Z", "2026-03-29T01:00:00Z", "2026-03-29T02:00:00Z")]
    [InlineData("America/New_York", "2026-03-08T05:30:00Z", "2026-03-08T06:00:00Z", "2026-03-08T07:00:00Z", "2026-03-08T08:00:00Z")]
    public void GetNextOccurrences_HourlyJobRunsEvery60RealMinutes_AcrossSpringGap(
        string timeZone, string after, string first, string second, string third)
    {
        // Local 01:00, then 03:00 (02:00 does not exist and is not made up for twice), then 04:00.
        var occurrences = Cron("0 * * * *", timeZone).GetNextOccurrences(At(after), 3);

        Assert.Equal([first, second, third], Utc(occurrences));
    }

    [Fact]
    public void GetNextOccurrences_Every15MinutesJobRunsEvery15RealMinutes_AcrossSpringGap()
    {
        // Berlin local 01:45 CET, then 03:00 and 03:15 CEST.
        var occurrences = Cron("*/15 * * * *", "Europe/Berlin").GetNextOccurrences(At("2026-03-29T00:30:00Z"), 3);

        Assert.Equal(["2026-03-29T00:45:00Z", "2026-03-29T01:00:00Z", "2026-03-29T01:15:00Z"], Utc(occurrences));
    }

    // ---- Fall back: local times in the repeated hour happen twice. ----

    [Theory]
    [InlineData("30 2 * * *", "Europe/Berlin", "2026-10-24T12:00:00Z", "2026-10-25T00:30:00Z", "2026-10-26T01:30:00Z")]
    [InlineData("30 1 * * *", "America/New_York", "2026-10-31T12:00:00Z", "2026-11-01T05:30:00Z", "2026-11-02T06:30:00Z")]
    public void GetNextOccurrences_RunsFixedTimeJobOnceInFirstPass_WhenTimeFallsInAutumnRepeat(
        string expression, string timeZone, string after, string transitionDay, string dayAfter)
    {
        // The first pass is still summer time (Berlin 02:30 CEST = 00:30Z; New York 01:30 EDT = 05:30Z); the second
        // pass (01:30Z; 06:30Z) is skipped and the next run is the following day.
        var occurrences = Cron(expression, timeZone).GetNextOccurrences(At(after), 2);

        Assert.Equal([transitionDay, dayAfter], Utc(occurrences));
    }

    [Theory]
    [InlineData("Europe/Berlin", "30 2 * * *", "2026-10-25T01:10:00Z", "2026-10-26T01:30:00Z")]
    [InlineData("America/New_York", "30 1 * * *", "2026-11-01T06:10:00Z", "2026-11-02T06:30:00Z")]
    public void GetNextOccurrence_SkipsSecondPassOfFixedTime_WhenAskedFromInsideTheRepeatedHour(
        string timeZone, string expression, string after, string expected)
    {
        // Asked at 02:10 CET (Berlin) / 01:10 EST (New York), i.e. during the second pass: 02:30 / 01:30 has already
        // run in the first pass, so it does not run again today.
        Assert.Equal(expected, Utc(Cron(expression, timeZone).GetNextOccurrence(At(after))));
    }

    [Fact]
    public void GetOccurrences_Every15MinutesJobRunsInBothHalvesOfRepeatedHour_InBerlin()
    {
        // Local 02:00, 02:15, 02:30, 02:45 CEST, then 02:00 ... 02:45 CET again, then 03:00 CET: every 15 real minutes.
        var occurrences = Cron("*/15 * * * *", "Europe/Berlin")
            .GetOccurrences(At("2026-10-24T23:45:00Z"), At("2026-10-25T02:00:00Z"), 100);

        Assert.Equal(
            [
                "2026-10-25T00:00:00Z", "2026-10-25T00:15:00Z", "2026-10-25T00:30:00Z", "2026-10-25T00:45:00Z",
                "2026-10-25T01:00:00Z", "2026-10-25T01:15:00Z", "2026-10-25T01:30:00Z", "2026-10-25T01:45:00Z",
                "2026-10-25T02:00:00Z",
            ],
            Utc(occurrences));
    }

    [Fact]
    public void GetOccurrences_Every15MinutesJobRunsInBothHalvesOfRepeatedHour_InNewYork()
    {
        // Local 01:00 ... 01:45 EDT, then 01:00 ... 01:45 EST again, then 02:00 EST.
        var occurrences = Cron("*/15 * * * *", "America/New_York")
            .GetOccurrences(At("2026-11-01T04:45:00Z"), At("2026-11-01T07:00:00Z"), 100);

        Assert.Equal(
            [
                "2026-11-01T05:00:00Z", "2026-11-01T05:15:00Z", "2026-11-01T05:30:00Z", "2026-11-01T05:45:00Z",
                "2026-11-01T06:00:00Z", "2026-11-01T06:15:00Z", "2026-11-01T06:30:00Z", "2026-11-01T06:45:00Z",
                "2026-11-01T07:00:00Z",
            ],
            Utc(occurrences));
    }

    [Theory]
    [InlineData("Europe/Berlin", "2026-10-24T23:30:00Z", "2026-10-25T00:00:00Z", "2026-10-25T01:00:00Z", "2026-10-25T02:00:00Z")]
    [InlineData("America/New_York", "2026-11-01T04:30:00Z", "2026-11-01T05:00:00Z", "2026-11-01T06:00:00Z", "2026-11-01T07:00:00Z")]
    public void GetNextOccurrences_HourlyJobRunsInBothHalvesOfRepeatedHour_AcrossAutumnRepeat(
        string timeZone, string after, string firstPass, string secondPass, string nextHour)
    {
        // A * in the hour field makes the expression "interval based" for Cronos: the repeated local hour
        // (Berlin 02:00, New York 01:00) runs in both passes, so the job still runs every 60 real minutes.
        var occurrences = Cron("0 * * * *", timeZone).GetNextOccurrences(At(after), 3);

        Assert.Equal([firstPass, secondPass, nextHour], Utc(occurrences));
    }
}
