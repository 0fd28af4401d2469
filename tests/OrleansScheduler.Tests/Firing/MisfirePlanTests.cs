using OrleansScheduler.Firing;
using OrleansScheduler.Hosting;

namespace OrleansScheduler.Tests.Firing;

public sealed class MisfirePlanTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly JobSchedulerOptions Options = new() { MisfireThreshold = TimeSpan.FromSeconds(10), MisfireFireAllLimit = 3 };

    private static List<DateTimeOffset> Seconds(int count) => [.. Enumerable.Range(1, count).Select(i => T0.AddSeconds(i))];

    [Theory]
    [InlineData(MisfirePolicy.FireOnce)]
    [InlineData(MisfirePolicy.FireAll)]
    [InlineData(MisfirePolicy.Skip)]
    public void Create_RunsTheOccurrence_WhenOnlyOneIsDueWithinTheThreshold(MisfirePolicy policy)
    {
        var due = Seconds(1);

        var plan = MisfirePlan.Create(policy, due, 1, true, due[0].AddSeconds(10), Options);

        Assert.Equal(due, plan.Run);
        Assert.Equal(0, plan.SkippedCount);
        Assert.Empty(plan.SkippedEntries("job"));
    }

    [Fact]
    public void Create_FireOnce_RunsTheLatest_AndSkipsTheRest()
    {
        var due = Seconds(5);

        var plan = MisfirePlan.Create(MisfirePolicy.FireOnce, due, 5, true, due[^1], Options);

        Assert.Equal([due[^1]], plan.Run);
        Assert.Equal(4, plan.SkippedCount);
        var entries = plan.SkippedEntries("job");
        Assert.Equal(due.Take(4).Select(o => o.ToUnixTimeMilliseconds()), entries.Select(e => e.Occurrence));
        Assert.All(entries, e => Assert.Equal(RunStatus.Skipped, e.Status));
        Assert.All(entries, e => Assert.Contains("misfire policy FireOnce ran 2026-12-01T08:00:05.000Z once for all", e.Error, StringComparison.Ordinal));
        Assert.Equal("job@2026-12-01T08:00:01.000Z", entries[0].RunId);
    }

    [Fact]
    public void Create_FireAll_RunsUpToTheLimit_NewestOnes_AndSkipsOlderOnes()
    {
        var due = Seconds(5);

        var plan = MisfirePlan.Create(MisfirePolicy.FireAll, due, 5, true, due[^1], Options);

        Assert.Equal(due.Skip(2), plan.Run);
        Assert.Equal(2, plan.SkippedCount);
        Assert.All(plan.SkippedEntries("job"), e => Assert.Contains("FireAll runs only the latest 3", e.Error, StringComparison.Ordinal));
    }

    [Fact]
    public void Create_FireAll_RunsEveryMissedOccurrence_WithinTheLimit()
    {
        var due = Seconds(3);

        var plan = MisfirePlan.Create(MisfirePolicy.FireAll, due, 3, true, due[^1], Options);

        Assert.Equal(due, plan.Run);
        Assert.Equal(0, plan.SkippedCount);
    }

    [Fact]
    public void Create_Skip_RunsNothing_AndRecordsEveryOccurrence()
    {
        var due = Seconds(4);

        var plan = MisfirePlan.Create(MisfirePolicy.Skip, due, 4, true, due[^1], Options);

        Assert.Empty(plan.Run);
        Assert.Equal(4, plan.SkippedCount);
        Assert.Equal(due[^1], plan.Latest);
        Assert.Equal(4, plan.SkippedEntries("job").Count);
    }

    [Theory]
    [InlineData(MisfirePolicy.FireOnce, 1)]
    [InlineData(MisfirePolicy.FireAll, 1)]
    [InlineData(MisfirePolicy.Skip, 0)]
    public void Create_TreatsOneOccurrenceLaterThanTheThreshold_AsMissed(MisfirePolicy policy, int runs)
    {
        var due = Seconds(1);

        var plan = MisfirePlan.Create(policy, due, 1, true, due[0].AddSeconds(11), Options);

        Assert.Equal(runs, plan.Run.Count);
        Assert.Equal(1 - runs, plan.SkippedCount);
    }

    [Fact]
    public void SkippedEntries_SummariseOccurrencesBeyondTheDetailLimit_InOneOldestEntry()
    {
        var due = Enumerable.Range(1, 150).Select(i => T0.AddSeconds(i)).ToList();

        var plan = MisfirePlan.Create(MisfirePolicy.Skip, due, 86_400, countIsExact: false, due[^1], Options);
        var entries = plan.SkippedEntries("job");

        Assert.Equal(101, entries.Count);
        Assert.StartsWith("job@missed-before-", entries[0].RunId, StringComparison.Ordinal);
        Assert.StartsWith("86300+ earlier occurrence(s)", entries[0].Error, StringComparison.Ordinal);
        Assert.Equal(due[50].ToUnixTimeMilliseconds(), entries[1].Occurrence);
        Assert.Equal(due[^1].ToUnixTimeMilliseconds(), entries[^1].Occurrence);
    }

    [Fact]
    public void LatestSkipped_IsNull_WhenNothingIsSkipped()
    {
        var due = Seconds(1);

        Assert.Null(MisfirePlan.Create(MisfirePolicy.FireOnce, due, 1, true, due[0], Options).LatestSkipped);
    }

    [Theory]
    [InlineData(MisfirePolicy.FireOnce, 3)]
    [InlineData(MisfirePolicy.FireAll, 1)]
    [InlineData(MisfirePolicy.Skip, 4)]
    public void LatestSkipped_IsTheNewestOccurrenceNotRun(MisfirePolicy policy, int newestSkippedSecond)
    {
        var due = Seconds(4);

        var plan = MisfirePlan.Create(policy, due, 4, true, due[^1], Options);

        Assert.Equal(T0.AddSeconds(newestSkippedSecond), plan.LatestSkipped);
    }

    [Fact]
    public void LatestSkipped_IsUnknownToThePlan_WhenFireAllSkipsOnlyOccurrencesOlderThanAllItHolds()
    {
        // The grain asks for as many recent occurrences as FireAll may run: all it holds run, the skipped ones are older.
        var due = Seconds(3);

        var plan = MisfirePlan.Create(MisfirePolicy.FireAll, due, 10, true, due[^1], Options);

        Assert.Equal(due, plan.Run);
        Assert.Equal(7, plan.SkippedCount);
        Assert.Null(plan.LatestSkipped);
    }
}
