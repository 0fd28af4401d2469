using OrleansScheduler.Scheduling;
using static OrleansScheduler.Tests.Instants;

namespace OrleansScheduler.Tests.Scheduling;

/// <summary>Interval anchoring, one-shot schedules, and the bounds of <see cref="CompiledSchedule.GetOccurrences"/>.</summary>
public sealed partial class CompiledScheduleTests
{
    private static readonly DateTimeOffset Anchor = At("2026-01-01T00:00:00Z");

    private static CompiledSchedule Every(TimeSpan interval, DateTimeOffset? anchor) =>
        CompiledSchedule.Compile(JobSchedule.Every(interval, anchor));

    private static CompiledSchedule Once(DateTimeOffset at) => CompiledSchedule.Compile(JobSchedule.Once(at));

    // ---- Interval ----

    [Theory]
    [InlineData("2025-12-31T23:00:00Z")]
    [InlineData("2025-12-31T23:59:59.9999999Z")]
    public void GetNextOccurrence_ReturnsTheAnchor_WhenAskedBeforeTheAnchor(string after)
    {
        Assert.Equal("2026-01-01T00:00:00Z", Utc(Every(TimeSpan.FromMinutes(5), Anchor).GetNextOccurrence(At(after))));
    }

    [Fact]
    public void GetNextOccurrence_ReturnsAnchorPlusOneInterval_WhenAskedAtTheAnchor()
    {
        Assert.Equal("2026-01-01T00:05:00Z", Utc(Every(TimeSpan.FromMinutes(5), Anchor).GetNextOccurrence(Anchor)));
    }

    [Theory]
    [InlineData("2026-01-01T00:07:30Z", "2026-01-01T00:10:00Z")]
    [InlineData("2026-01-01T00:10:00Z", "2026-01-01T00:15:00Z")]
    [InlineData("2026-01-01T00:14:59.9999999Z", "2026-01-01T00:15:00Z")]
    [InlineData("2026-06-15T13:02:00Z", "2026-06-15T13:05:00Z")]
    public void GetNextOccurrence_ReturnsFirstGridPointStrictlyAfter_WhenAskedAfterTheAnchor(string after, string expected)
    {
        Assert.Equal(expected, Utc(Every(TimeSpan.FromMinutes(5), Anchor).GetNextOccurrence(At(after))));
    }

    [Fact]
    public void GetNextOccurrence_StaysOnAnchorPlusKTimesInterval_OverManySteps()
    {
        var anchor = At("2026-01-01T00:00:00.123Z");
        var interval = TimeSpan.FromMilliseconds(1_234);
        var schedule = Every(interval, anchor);

        var cursor = anchor;
        for (var k = 1; k <= 100_000; k++)
        {
            cursor = schedule.GetNextOccurrence(cursor)!.Value;
            if (cursor != anchor + (k * interval))
            {
                Assert.Fail($"step {k}: {Utc(cursor)} is off the grid");
            }
        }

        Assert.Equal("2026-01-02T10:16:40.123Z", Utc(cursor));
    }

    [Fact]
    public void GetNextOccurrence_StaysOnTheGrid_WhenAskedYearsAfterTheAnchor()
    {
        var schedule = Every(TimeSpan.FromSeconds(7), Anchor);

        var next = schedule.GetNextOccurrence(At("2036-01-01T00:00:00.0000001Z"))!.Value;

        // Ten years are 315,532,800 s = 7 × 45,076,114 s + 2 s: the grid point before is 2 s early, the next 5 s late.
        Assert.Equal(0, (next - Anchor).Ticks % TimeSpan.FromSeconds(7).Ticks);
        Assert.Equal("2036-01-01T00:00:05Z", Utc(next));
    }

    [Fact]
    public void GetNextOccurrence_ReturnsUtcOnTheAnchorsGrid_WhenAnchorHasAnOffset()
    {
        var schedule = Every(TimeSpan.FromHours(1), At("2026-01-01T01:30:00+01:00"));

        Assert.Equal("2026-01-01T03:30:00Z", Utc(schedule.GetNextOccurrence(At("2026-01-01T03:00:00Z"))));
    }

    [Fact]
    public void GetNextOccurrence_IgnoresDaylightSaving_ForIntervalSchedules()
    {
        // Intervals are real time: every hour stays 60 minutes through Berlin's spring gap.
        var occurrences = Every(TimeSpan.FromHours(1), At("2026-03-28T23:00:00Z"))
            .GetNextOccurrences(At("2026-03-28T23:00:00Z"), 3);

        Assert.Equal(["2026-03-29T00:00:00Z", "2026-03-29T01:00:00Z", "2026-03-29T02:00:00Z"], Utc(occurrences));
    }

    [Fact]
    public void GetNextOccurrence_CountsFromTheGivenInstant_WhenAnchorIsNull()
    {
        var next = Every(TimeSpan.FromSeconds(30), anchor: null).GetNextOccurrence(At("2026-01-01T10:00:05Z"));

        Assert.Equal("2026-01-01T10:00:35Z", Utc(next));
    }

    // ---- GetOccurrences bounds ----

    [Fact]
    public void GetOccurrences_ExcludesFromAndIncludesTo()
    {
        var occurrences = Every(TimeSpan.FromMinutes(1), Anchor)
            .GetOccurrences(At("2026-01-01T00:00:00Z"), At("2026-01-01T00:03:00Z"), 100);

        Assert.Equal(["2026-01-01T00:01:00Z", "2026-01-01T00:02:00Z", "2026-01-01T00:03:00Z"], Utc(occurrences));
    }

    [Fact]
    public void GetOccurrences_IncludesTheAnchor_WhenRangeStartsBeforeIt()
    {
        var occurrences = Every(TimeSpan.FromMinutes(1), Anchor)
            .GetOccurrences(At("2025-12-31T23:00:00Z"), At("2026-01-01T00:01:00Z"), 100);

        Assert.Equal(["2026-01-01T00:00:00Z", "2026-01-01T00:01:00Z"], Utc(occurrences));
    }

    [Fact]
    public void GetOccurrences_ExcludesFromAndIncludesTo_ForCron()
    {
        var occurrences = Cron("0 * * * *").GetOccurrences(At("2026-01-01T10:00:00Z"), At("2026-01-01T13:00:00Z"), 100);

        Assert.Equal(["2026-01-01T11:00:00Z", "2026-01-01T12:00:00Z", "2026-01-01T13:00:00Z"], Utc(occurrences));
    }

    [Fact]
    public void GetOccurrences_ReturnsOldestFirstUpToLimit_WhenRangeHoldsMore()
    {
        var occurrences = Every(TimeSpan.FromSeconds(1), Anchor).GetOccurrences(Anchor, Anchor.AddDays(1), 3);

        Assert.Equal(["2026-01-01T00:00:01Z", "2026-01-01T00:00:02Z", "2026-01-01T00:00:03Z"], Utc(occurrences));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void GetOccurrences_ReturnsNothing_WhenLimitIsNotPositive(int limit)
    {
        Assert.Empty(Every(TimeSpan.FromSeconds(1), Anchor).GetOccurrences(Anchor, Anchor.AddDays(1), limit));
    }

    [Theory]
    [InlineData("2026-01-01T00:10:00Z", "2026-01-01T00:10:00Z")]
    [InlineData("2026-01-01T00:10:00Z", "2026-01-01T00:05:00Z")]
    [InlineData("2026-01-01T00:10:00Z", "2026-01-01T00:10:59Z")]
    public void GetOccurrences_ReturnsNothing_WhenRangeHoldsNoOccurrence(string fromExclusive, string toInclusive)
    {
        Assert.Empty(Every(TimeSpan.FromMinutes(1), Anchor).GetOccurrences(At(fromExclusive), At(toInclusive), 100));
    }

    [Fact]
    public void GetNextOccurrences_ReturnsExactlyCount()
    {
        var occurrences = Cron("*/5 * * * *").GetNextOccurrences(At("2026-01-01T00:00:00Z"), 4);

        Assert.Equal(
            ["2026-01-01T00:05:00Z", "2026-01-01T00:10:00Z", "2026-01-01T00:15:00Z", "2026-01-01T00:20:00Z"],
            Utc(occurrences));
    }

    // ---- Once ----

    [Fact]
    public void GetNextOccurrence_ReturnsTheInstantInUtc_WhenOnceIsInTheFuture()
    {
        var next = Once(At("2026-12-01T09:00:00+01:00")).GetNextOccurrence(At("2026-11-30T00:00:00Z"));

        Assert.Equal("2026-12-01T08:00:00Z", Utc(next));
    }

    [Theory]
    [InlineData("2026-12-01T08:00:00Z")]
    [InlineData("2026-12-01T08:00:00.0000001Z")]
    [InlineData("2027-01-01T00:00:00Z")]
    public void GetNextOccurrence_ReturnsNothing_WhenOnceIsNotAfterTheGivenInstant(string after)
    {
        Assert.Null(Once(At("2026-12-01T08:00:00Z")).GetNextOccurrence(At(after)));
    }

    [Fact]
    public void GetOccurrences_ReturnsTheSingleInstant_ForOnce()
    {
        var occurrences = Once(At("2026-12-01T08:00:00Z")).GetOccurrences(At("2026-01-01T00:00:00Z"), DateTimeOffset.MaxValue, 10);

        Assert.Equal(["2026-12-01T08:00:00Z"], Utc(occurrences));
    }
}
