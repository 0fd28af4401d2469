using System.Text.Json;
using OrleansScheduler.Cli.Tests.Support;

namespace OrleansScheduler.Cli.Tests;

public sealed class NextCommandTests
{
    private readonly FakeCluster _cluster = new();

    private Task<CliRun> Next(params string[] args) => Osched.RunAsync(_cluster, ["next", .. args]);

    [Fact]
    public async Task Next_RunsAtTheFirstValidInstant_WhenTheTimeFallsInTheBerlinSpringForwardGap()
    {
        var run = await Next("--cron", "0,30 * * * *", "--tz", "Europe/Berlin", "--after", "2026-03-29T00:15:00Z", "--count", "3");

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.Equal(
        [
            "2026-03-29T00:30:00.000Z  (2026-03-29 01:30:00 +01:00 Europe/Berlin)",
            "2026-03-29T01:00:00.000Z  (2026-03-29 03:00:00 +02:00 Europe/Berlin)",
            "2026-03-29T01:30:00.000Z  (2026-03-29 03:30:00 +02:00 Europe/Berlin)",
        ], run.OutLines);
        Assert.Empty(_cluster.Connections);
    }

    [Fact]
    public async Task Next_MovesADailyGapTimeToThreeOClock_OnlyOnTheSpringForwardDay()
    {
        var run = await Next("--cron", "30 2 * * *", "--tz", "Europe/Berlin", "--after", "2026-03-27T12:00:00Z", "--count", "3");

        Assert.Equal(
        [
            "2026-03-28T01:30:00.000Z  (2026-03-28 02:30:00 +01:00 Europe/Berlin)",
            "2026-03-29T01:00:00.000Z  (2026-03-29 03:00:00 +02:00 Europe/Berlin)",
            "2026-03-30T00:30:00.000Z  (2026-03-30 02:30:00 +02:00 Europe/Berlin)",
        ], run.OutLines);
    }

    [Fact]
    public async Task Next_RunsAFixedTimeOnce_WhenTheBerlinAutumnHourRepeats()
    {
        var run = await Next("--cron", "30 2 * * *", "--tz", "Europe/Berlin", "--after", "2026-10-24T12:00:00Z", "--count", "2");

        Assert.Equal(
        [
            "2026-10-25T00:30:00.000Z  (2026-10-25 02:30:00 +02:00 Europe/Berlin)",
            "2026-10-26T01:30:00.000Z  (2026-10-26 02:30:00 +01:00 Europe/Berlin)",
        ], run.OutLines);
    }

    [Fact]
    public async Task Next_PrintsFiveOccurrencesAfterNow_WhenCountAndAfterAreNotGiven()
    {
        var run = await Next("--cron", "0 * * * *");

        Assert.Equal(
        [
            "2026-03-01T13:00:00.000Z  (2026-03-01 13:00:00 +00:00 UTC)",
            "2026-03-01T14:00:00.000Z  (2026-03-01 14:00:00 +00:00 UTC)",
            "2026-03-01T15:00:00.000Z  (2026-03-01 15:00:00 +00:00 UTC)",
            "2026-03-01T16:00:00.000Z  (2026-03-01 16:00:00 +00:00 UTC)",
            "2026-03-01T17:00:00.000Z  (2026-03-01 17:00:00 +00:00 UTC)",
        ], run.OutLines);
    }

    [Fact]
    public async Task Next_CountsFromTheStart_WhenEveryHasAStart()
    {
        var run = await Next("--every", "90m", "--start", "2026-01-01T00:00:00Z", "--after", "2026-01-01T01:00:00Z", "--count", "2");

        Assert.Equal(
        [
            "2026-01-01T01:30:00.000Z  (2026-01-01 01:30:00 +00:00 UTC)",
            "2026-01-01T03:00:00.000Z  (2026-01-01 03:00:00 +00:00 UTC)",
        ], run.OutLines);
    }

    [Fact]
    public async Task Next_PrintsUtcLocalAndZone_WhenJsonIsGiven()
    {
        var run = await Next("--cron", "30 3 * * *", "--tz", "Europe/Berlin", "--after", "2026-03-28T12:00:00Z", "--count", "1", "--json");

        using var document = JsonDocument.Parse(run.Out);
        var occurrence = Assert.Single(document.RootElement.EnumerateArray());
        Assert.Equal("2026-03-29T01:30:00.000Z", occurrence.GetProperty("utc").GetString());
        Assert.Equal("2026-03-29T03:30:00.000+02:00", occurrence.GetProperty("local").GetString());
        Assert.Equal("Europe/Berlin", occurrence.GetProperty("tz").GetString());
        Assert.Contains("\"2026-03-29T03:30:00.000+02:00\"", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task D2_Next_ExitsWith2_WhenTheCronNeverOccurs()
    {
        // A schedule that schedule and apply refuse is refused by its preview too (on 09fee01: exit 0, no occurrence).
        var run = await Next("--cron", "0 0 30 2 *");

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Equal("", run.Out);
        Assert.Equal(["osched: cron: \"0 0 30 2 *\" never occurs: it has no occurrence in the next 100 years"], run.ErrorLines);
    }

    [Fact]
    public async Task Next_SaysSo_WhenNoOccurrenceFollowsTheGivenInstant()
    {
        var run = await Next("--every", "1d", "--after", "9999-12-31T00:00:00Z");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal("", run.Out);
        Assert.Equal(["osched: every 1d has no occurrence after 9999-12-31T00:00:00.000Z"], run.ErrorLines);
    }

    [Theory]
    [InlineData("schedule: none given; give --cron or --every", "--count", "3")]
    [InlineData("schedule: --cron and --every conflict; give exactly one of them", "--cron", "* * * * *", "--every", "5s")]
    [InlineData("cron: \"* * * *\" has 4 fields", "--cron", "* * * *")]
    [InlineData("tz: \"Europe/Atlantis\" is not a known IANA time zone", "--cron", "* * * * *", "--tz", "Europe/Atlantis")]
    [InlineData("tz: applies only to a cron schedule", "--every", "5s", "--tz", "Europe/Berlin")]
    [InlineData("every: \"0s\" is below the minimum interval of 1s", "--every", "0s")]
    [InlineData("start: \"noon\" is not an ISO 8601 instant", "--every", "5s", "--start", "noon")]
    [InlineData("after: \"2026-01-01\" is not an ISO 8601 instant with an offset", "--cron", "* * * * *", "--after", "2026-01-01")]
    [InlineData("count: 0 is outside 1-1000", "--cron", "* * * * *", "--count", "0")]
    [InlineData("count: 1001 is outside 1-1000", "--cron", "* * * * *", "--count", "1001")]
    [InlineData("count: \"many\" is not a whole number", "--cron", "* * * * *", "--count", "many")]
    [InlineData("Unrecognized command or argument '--at'", "--at", "2026-01-01T00:00:00Z")]
    public async Task Next_ExitsWith2_WhenTheInputIsInvalid(string expected, params string[] args)
    {
        var run = await Next(args);

        Osched.AssertInvalid(_cluster, run, expected);
    }
}
