using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using OrleansScheduler.PropertyTests.Generators;
using OrleansScheduler.PropertyTests.Oracles;
using OrleansScheduler.PropertyTests.Support;
using OrleansScheduler.Scheduling;

namespace OrleansScheduler.PropertyTests;

/// <summary>Cron occurrence maths: what Cronos gives, in UTC, strictly increasing, across DST transitions.</summary>
public sealed partial class CompiledScheduleTests
{
    /// <summary>Above this many occurrences a span is not "small": its exact count is not asked for.</summary>
    private const int SmallSpanOccurrences = 5_000;

    [Property(MaxTest = 500)]
    public Property GetNextOccurrences_AreStrictlyIncreasingUtcInstantsAfterTheStart_ForValidCron() =>
        Prop.ForAll(CronOccurrenceCase.Any.ToArbitrary(), c => AssertStrictlyIncreasingUtc(c));

    [Property(MaxTest = 500)]
    public Property GetNextOccurrences_AreWhatCronosGives_ForValidCron() =>
        Prop.ForAll(CronOccurrenceCase.Any.ToArbitrary(), c =>
        {
            var oracle = new CronOracle(c.Cron.Expression, c.Cron.Zone);
            // Where Cronos itself stalls (other zones with negative daylight saving time), the product steps past it.
            return Prop.When(!KnownBugs.HitsCronStall(oracle, c.After, c.Count), () =>
            {
                var expected = oracle.Between(c.After, DateTimeOffset.MaxValue, c.Count);

                var actual = Compile(c.Cron).GetNextOccurrences(c.After, c.Count);

                Assert.Equal(expected, actual);
                return true.Classify(actual.Count < c.Count, "fewer than asked (end of calendar)");
            });
        });

    [Property(MaxTest = 300)]
    public Property GetOccurrences_ReturnsExactlyTheOccurrencesInTheSpan_UpToTheLimit() =>
        Prop.ForAll(CronOccurrenceCase.Any.ToArbitrary(), c =>
        {
            var expected = new CronOracle(c.Cron.Expression, c.Cron.Zone).Between(c.After, c.To, c.Limit);

            return Prop.When(!KnownBugs.Stalls(expected, c.After), () =>
            {
                var actual = Compile(c.Cron).GetOccurrences(c.After, c.To, c.Limit);

                Assert.Equal(expected, actual);
                return true.Classify(actual.Count == c.Limit, "limit reached").Classify(actual.Count == 0, "none");
            });
        });

    [Property(MaxTest = 300)]
    public Property GetLatestOccurrence_ReturnsTheLastOccurrenceAndTheExactCount_WhenTheSpanIsSmall() =>
        Prop.ForAll(CronOccurrenceCase.Any.ToArbitrary(), c =>
        {
            var all = new CronOracle(c.Cron.Expression, c.Cron.Zone).Between(c.After, c.To, SmallSpanOccurrences + 1);
            return Prop.When(all.Count <= SmallSpanOccurrences && !KnownBugs.Stalls(all, c.After), () =>
            {
                var (latest, count, exact) = Compile(c.Cron).GetLatestOccurrence(c.After, c.To);

                Assert.Equal(all.Count == 0 ? null : (DateTimeOffset?)all[^1], latest);
                Assert.Equal(all.Count, count);
                Assert.True(exact);
            });
        });

    [Fact]
    public void GetNextOccurrence_IsStrictlyAfterTheGivenInstant_AtEuropeDublinsSpringTransition()
    {
        var hourly = CompiledSchedule.Compile(JobSchedule.FromCron("0 * * * *", "Europe/Dublin"));

        var next = hourly.GetNextOccurrence(new DateTimeOffset(2027, 3, 28, 0, 0, 0, TimeSpan.Zero));

        // 01:00 local does not exist that night; the first instant after the gap is 02:00 IST, 01:00Z (as Europe/London gives).
        Assert.Equal(new DateTimeOffset(2027, 3, 28, 1, 0, 0, TimeSpan.Zero), next);
    }

    [Fact]
    public void GetLatestOccurrence_ReturnsTheLastOccurrence_WhenTheSpanHoldsMoreThanMaxScan()
    {
        var everySecond = CompiledSchedule.Compile(JobSchedule.FromCron("* * * * * *"));
        var from = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        var (latest, count, exact) = everySecond.GetLatestOccurrence(from, from.AddMinutes(10), maxScan: 10);

        Assert.Equal(from.AddMinutes(10), latest);
        Assert.Equal(10, count);
        Assert.False(exact);
    }

    private static void AssertStrictlyIncreasingUtc(CronOccurrenceCase c)
    {
        var previous = c.After;
        foreach (var occurrence in Compile(c.Cron).GetNextOccurrences(c.After, c.Count))
        {
            Assert.True(occurrence > previous, $"{occurrence:O} is not after {previous:O}");
            Assert.Equal(TimeSpan.Zero, occurrence.Offset);
            previous = occurrence;
        }
    }

    private static CompiledSchedule Compile(CronCase cron) => CompiledSchedule.Compile(JobSchedule.FromCron(cron.Expression, cron.Zone));
}
