using static OrleansScheduler.Tests.Instants;

namespace OrleansScheduler.Tests;

/// <summary>The run ids the scheduler gives runs (<see cref="RunIds"/>), and reading them back.</summary>
public sealed class RunIdsTests
{
    private static readonly DateTimeOffset Occurrence = At("2026-12-01T09:00:00+01:00");

    [Fact]
    public void Scheduled_IsJobIdAtNominalUtcTime()
    {
        Assert.Equal("nightly@2026-12-01T08:00:00.000Z", RunIds.Scheduled("nightly", Occurrence));
    }

    [Fact]
    public void Manual_IsJobIdAtManualTimeAndSuffix()
    {
        Assert.Equal("nightly@manual-2026-12-01T08:00:00.000Z-0a1b2c3d", RunIds.Manual("nightly", Occurrence, "0a1b2c3d"));
    }

    [Fact]
    public void MissedBefore_IsJobIdAtMissedBeforeTime()
    {
        Assert.Equal("nightly@missed-before-2026-12-01T08:00:00.000Z", RunIds.MissedBefore("nightly", Occurrence));
    }

    [Fact]
    public void TryGetOccurrence_ReadsTheTimeOfAScheduledRunId()
    {
        Assert.True(RunIds.TryGetOccurrence(RunIds.Scheduled("a.b:c-1", Occurrence), out var occurrence));

        Assert.Equal(Occurrence, occurrence);
    }

    [Theory]
    [InlineData("nightly@manual-2026-12-01T08:00:00.000Z-0a1b2c3d")]
    [InlineData("nightly@missed-before-2026-12-01T08:00:00.000Z")]
    [InlineData("nightly@2026-12-01T08:00:00Z")]
    [InlineData("nightly")]
    [InlineData("")]
    public void TryGetOccurrence_FalseForOtherRunIds(string runId)
    {
        Assert.False(RunIds.TryGetOccurrence(runId, out _));
    }

    [Theory]
    [InlineData("nightly@2026-12-01T08:00:00.000Z", "nightly")]
    [InlineData("nightly@manual-2026-12-01T08:00:00.000Z-0a1b2c3d", "nightly")]
    [InlineData("nightly", "nightly")]
    public void JobId_IsTheTextBeforeTheFirstAt(string runId, string expected)
    {
        Assert.Equal(expected, RunIds.JobId(runId));
    }
}
