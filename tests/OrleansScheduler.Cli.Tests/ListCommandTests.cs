using System.Text.Json;
using OrleansScheduler.Cli.Tests.Support;

namespace OrleansScheduler.Cli.Tests;

public sealed class ListCommandTests
{
    private readonly FakeCluster _cluster = new();

    private void Add(JobInfo job)
    {
        _cluster.Grain(job.Id).Job = job;
        _cluster.Index(job.Id);
    }

    [Fact]
    public async Task List_PrintsATableInIndexOrder_WhenJsonIsNotGiven()
    {
        Add(Jobs.Every("tick", TimeSpan.FromSeconds(5)) with { Paused = true, NextDue = null });
        Add(Jobs.Cron("nightly") with { LastRun = Jobs.Run("nightly", 0, RunStatus.DeadLettered) });

        var run = await Osched.RunAsync(_cluster, "list");

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.Equal(
        [
            "ID       SCHEDULE                        NEXT DUE                  PAUSED  LAST STATUS",
            "nightly  cron \"0 2 * * *\" Europe/Berlin  2026-03-29T01:30:00.000Z  no      DeadLettered",
            "tick     every 5s                        -                         yes     -",
        ], run.OutLines);
    }

    [Fact]
    public async Task List_PrintsAnArrayOfJobViews_WhenJsonIsGiven()
    {
        Add(Jobs.Cron("b"));
        Add(Jobs.Every("a", TimeSpan.FromMinutes(1)));

        var run = await Osched.RunAsync(_cluster, "list", "--json");

        using var document = JsonDocument.Parse(run.Out);
        Assert.Equal(["a", "b"], document.RootElement.EnumerateArray().Select(j => j.GetProperty("id").GetString()));
        Assert.Equal("1m", document.RootElement[0].GetProperty("every").GetString());
    }

    [Fact]
    public async Task List_LeavesOutIndexedIdsWithoutAJob_WhenAJobWasDeletedMeanwhile()
    {
        Add(Jobs.Cron("kept"));
        _cluster.Index("gone");

        var run = await Osched.RunAsync(_cluster, "list", "--json");

        using var document = JsonDocument.Parse(run.Out);
        Assert.Equal(["kept"], document.RootElement.EnumerateArray().Select(j => j.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task List_SaysNoJobs_WhenThereAreNone()
    {
        var text = await Osched.RunAsync(_cluster, "list");
        var json = await Osched.RunAsync(_cluster, "list", "--json");

        Assert.Equal(["no jobs"], text.OutLines);
        Assert.Equal("[]", json.Out.Trim());
    }

    [Fact]
    public async Task List_GetsEveryJob_WhenThereAreThousands()
    {
        for (var i = 0; i < 3000; i++)
        {
            Add(Jobs.Every($"job-{i:D4}", TimeSpan.FromMinutes(1)));
        }

        var run = await Osched.RunAsync(_cluster, "list", "--json");

        using var document = JsonDocument.Parse(run.Out);
        Assert.Equal(3000, document.RootElement.GetArrayLength());
    }
}
