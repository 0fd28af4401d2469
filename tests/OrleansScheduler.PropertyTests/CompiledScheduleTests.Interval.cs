using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using OrleansScheduler.PropertyTests.Generators;
using OrleansScheduler.PropertyTests.Oracles;
using OrleansScheduler.Scheduling;

namespace OrleansScheduler.PropertyTests;

/// <summary>Interval and one-shot occurrence maths: anchor + k × interval, never drifting; a one-shot once.</summary>
public sealed partial class CompiledScheduleTests
{
    [Property(MaxTest = 1000)]
    public Property GetNextOccurrences_StayOnTheAnchorsGrid_OneIntervalApart_FromTheFirstGridPointAfterTheStart() =>
        Prop.ForAll(IntervalCase.Any.ToArbitrary(), c =>
        {
            var occurrences = CompiledSchedule.Compile(c.Schedule).GetNextOccurrences(c.After, c.Count);

            Assert.Equal(c.Count, occurrences.Count);
            var origin = c.Anchor ?? c.After;
            var first = occurrences[0];
            Assert.True(first > c.After, $"the first occurrence {first:O} is not after the start");
            // No grid point lies between the start and the first occurrence.
            Assert.True(first == origin || first - c.Interval <= c.After, $"{first - c.Interval:O} is a skipped occurrence");
            for (var i = 0; i < occurrences.Count; i++)
            {
                var sinceOrigin = occurrences[i] - origin;
                Assert.True(sinceOrigin.Ticks >= 0 && sinceOrigin.Ticks % c.Interval.Ticks == 0, $"{occurrences[i]:O} is off the grid by {sinceOrigin.Ticks % c.Interval.Ticks} ticks");
                Assert.Equal(TimeSpan.Zero, occurrences[i].Offset);
                if (i > 0)
                {
                    Assert.Equal(c.Interval, occurrences[i] - occurrences[i - 1]);
                }
            }

            return true.Classify(c.Anchor is null, "no anchor").Classify(c.Anchor > c.After, "before the anchor");
        });

    [Property(MaxTest = 1000)]
    public Property GetOccurrences_ReturnsExactlyTheGridPointsInTheSpan_UpToTheLimit() =>
        Prop.ForAll(IntervalCase.Any.ToArbitrary(), c =>
        {
            var oracle = new IntervalOracle(c.Interval, c.Anchor);
            var (origin, k) = oracle.First(c.After);
            var (latest, _) = oracle.Latest(c.After, c.To);
            var expected = new List<DateTimeOffset>();
            for (var next = origin.AddTicks(k * c.Interval.Ticks); latest is { } last && next <= last && expected.Count < c.Limit; next += c.Interval)
            {
                expected.Add(next);
            }

            Assert.Equal(expected, CompiledSchedule.Compile(c.Schedule).GetOccurrences(c.After, c.To, c.Limit));
        });

    [Property(MaxTest = 1000)]
    public Property GetLatestOccurrence_IsTheLastGridPointInTheSpan_WithTheExactCount_ForAnySpan() =>
        Prop.ForAll(IntervalCase.Any.ToArbitrary(), c =>
        {
            var (expectedLatest, expectedCount) = new IntervalOracle(c.Interval, c.Anchor).Latest(c.After, c.To);

            var (latest, count, exact) = CompiledSchedule.Compile(c.Schedule).GetLatestOccurrence(c.After, c.To);

            Assert.Equal(expectedLatest, latest);
            Assert.Equal(expectedCount, count);
            Assert.True(exact);
            return true.Classify(count == 0, "none").Classify(count > 100_000, "more than 100 000");
        });

    [Property(MaxTest = 500)]
    public Property GetNextOccurrences_IsTheInstantAlone_ForAOneShotAfterTheStart_AndNothingOtherwise() =>
        Prop.ForAll(InstantGen.Any.ToArbitrary(), InstantGen.Any.ToArbitrary(), (at, after) =>
        {
            if (at < DateTimeOffset.UnixEpoch)
            {
                // Occurrences are Unix milliseconds: an earlier instant is refused, and has none.
                Assert.Null(CompiledSchedule.TryCompile(JobSchedule.Once(at), new List<string>()));
                return;
            }

            var occurrences = CompiledSchedule.Compile(JobSchedule.Once(at)).GetNextOccurrences(after, 5);

            Assert.Equal(at > after ? new[] { at } : [], occurrences);
            Assert.All(occurrences, o => Assert.Equal(TimeSpan.Zero, o.Offset));
        });

    [Fact]
    public void GetNextOccurrence_ReturnsNull_WhenTheNextGridPointIsPastTheCalendar()
    {
        var schedule = CompiledSchedule.Compile(JobSchedule.Every(TimeSpan.FromDays(2_928_000)));

        Assert.Null(schedule.GetNextOccurrence(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)));
    }
}
