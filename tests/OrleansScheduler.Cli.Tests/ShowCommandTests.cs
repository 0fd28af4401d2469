using System.Text.Json;
using OrleansScheduler.Cli.Tests.Support;
using OrleansScheduler.Json;

namespace OrleansScheduler.Cli.Tests;

public sealed class ShowCommandTests
{
    private readonly FakeCluster _cluster = new();

    [Fact]
    public async Task Show_PrintsTheJobView_WhenJsonIsGiven()
    {
        var job = Jobs.Cron("nightly") with { LastRun = Jobs.Run("nightly", 0, RunStatus.Succeeded), Counts = new RunCounts { Succeeded = 4 } };
        _cluster.Grain("nightly").Job = job;

        var run = await Osched.RunAsync(_cluster, "show", "nightly", "--json");

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        var expected = JsonSerializer.Serialize(JobView.From(job), OschedJson.Options);
        using var printed = JsonDocument.Parse(run.Out);
        using var wanted = JsonDocument.Parse(expected);
        Assert.True(JsonElement.DeepEquals(wanted.RootElement, printed.RootElement), run.Out);
        Assert.Equal("nightly", printed.RootElement.GetProperty("id").GetString());
        Assert.Equal(4, printed.RootElement.GetProperty("counts").GetProperty("succeeded").GetInt64());
    }

    [Fact]
    public async Task Show_PrintsReadableDetails_WhenJsonIsNotGiven()
    {
        _cluster.Grain("nightly").Job = Jobs.Cron("nightly") with { LastRun = Jobs.Run("nightly", 0, RunStatus.Failed, "boom") };

        var run = await Osched.RunAsync(_cluster, "show", "nightly");

        Assert.Contains("id:            nightly", run.OutLines);
        Assert.Contains("schedule:      cron \"0 2 * * *\" Europe/Berlin", run.OutLines);
        Assert.Contains("payload:       {\"to\":\"ops\"}", run.OutLines);
        Assert.Contains("next due:      2026-03-29T01:30:00.000Z  (2026-03-29 03:30:00 +02:00 Europe/Berlin)", run.OutLines);
        Assert.Contains("last run:      Failed, attempt 1, 2026-03-01T10:00:01.505Z on silo-1: boom", run.OutLines);
        Assert.Contains("paused:        no", run.OutLines);
    }

    [Fact]
    public async Task Show_PrintsMissedRuns_WithTheLatestAndItsReason()
    {
        _cluster.Grain("nightly").Job = Jobs.Cron("nightly") with
        {
            Counts = new RunCounts { Succeeded = 4, Skipped = 3 },
            LastMissed = new MissedRun { Occurrence = new DateTimeOffset(2026, 3, 28, 1, 30, 0, TimeSpan.Zero), Reason = MissedRun.Overlap },
        };

        var human = await Osched.RunAsync(_cluster, "show", "nightly");
        var json = await Osched.RunAsync(_cluster, "show", "nightly", "--json");

        Assert.Contains("missed:        3, latest 2026-03-28T01:30:00.000Z (overlap)", human.OutLines);
        using var printed = JsonDocument.Parse(json.Out);
        var missed = printed.RootElement.GetProperty("missed");
        Assert.Equal((3, "2026-03-28T01:30:00.000Z", "overlap"), (missed.GetProperty("count").GetInt64(), missed.GetProperty("last").GetString(), missed.GetProperty("reason").GetString()));
    }

    [Fact]
    public async Task Show_PrintsNoMissedRuns_WhenTheJobNeverMissedOne()
    {
        _cluster.Grain("nightly").Job = Jobs.Cron("nightly");

        var human = await Osched.RunAsync(_cluster, "show", "nightly");
        var json = await Osched.RunAsync(_cluster, "show", "nightly", "--json");

        Assert.Contains("missed:        -", human.OutLines);
        using var printed = JsonDocument.Parse(json.Out);
        Assert.False(printed.RootElement.TryGetProperty("missed", out _));
    }

    [Fact]
    public async Task Show_ShowsTheStart_WhenTheJobIsAnInterval()
    {
        _cluster.Grain("tick").Job = Jobs.Every("tick", TimeSpan.FromSeconds(5));

        var run = await Osched.RunAsync(_cluster, "show", "tick");

        Assert.Contains("start:         2026-02-01T08:00:00.000Z", run.OutLines);
        Assert.Contains("timeout:       30s", run.OutLines);
    }

    [Fact]
    public async Task Show_ExitsWith1AndSaysSo_WhenTheJobDoesNotExist()
    {
        var run = await Osched.RunAsync(_cluster, "show", "missing");

        Assert.Equal(ExitCodes.Failure, run.ExitCode);
        Assert.Equal(["osched: job \"missing\" does not exist"], run.ErrorLines);
        Assert.Equal("", run.Out);
    }

    [Fact]
    public async Task Show_ExitsWith2_WhenTheIdIsInvalid()
    {
        var run = await Osched.RunAsync(_cluster, "show", "no/slashes");

        Osched.AssertInvalid(_cluster, run, "id: \"no/slashes\" has a character outside [A-Za-z0-9._:-]");
    }

    [Fact]
    public async Task Show_ExitsWith2_WhenTheIdIsMissing()
    {
        var run = await Osched.RunAsync(_cluster, "show");

        Osched.AssertInvalid(_cluster, run, "Required argument missing for command: 'show'.");
    }
}
