using OrleansScheduler.EndToEndTests.Support;
using OrleansScheduler.Testing;

namespace OrleansScheduler.EndToEndTests;

/// <summary>One interval job through every osched command, on two real silo processes.</summary>
public sealed class OschedJobLifecycleTests(ProcessCluster cluster, ITestOutputHelper output) : IClassFixture<ProcessCluster>, IDisposable
{
    private const string JobId = "heartbeat";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private readonly Osched _osched = cluster.Osched.WithLog(output.WriteLine);

    [Fact]
    public async Task OneSecondJob_ScheduledWithOsched_RunsOnTheCluster_AndHistoryShowsIt()
    {
        (await _osched.RunAsync("schedule", JobId, "--every", "1s", "--handler", "log", "--payload", """{"message":"tick"}""")).Succeeded();

        var firstRuns = await Eventually.MatchesAsync(
            async () => (await _osched.RunAsync("history", JobId, "--limit", "50", "--json")).Succeeded().HistoryRuns(),
            runs => runs.Count >= 5,
            "five entries in the history of the heartbeat job",
            Deadline);
        AssertOneRunPerSecond(firstRuns);

        var shown = (await _osched.RunAsync("show", JobId, "--json")).Succeeded().JsonObject();
        Assert.Equal(JobId, (string?)shown["id"]);
        Assert.Equal("every 1s", (string?)shown["schedule"]);
        Assert.Equal("UTC", (string?)shown["tz"]);
        Assert.Equal("log", (string?)shown["handler"]);
        Assert.Equal("default", (string?)shown["queue"]);
        Assert.Equal("tick", (string?)shown["payload"]?["message"]);
        Assert.False((bool?)shown["paused"]);
        Instant.Parse((string?)shown["nextDue"] ?? throw new Xunit.Sdk.XunitException($"no nextDue: {shown}"));
        var lastRun = HistoryRun.From(shown["lastRun"]);
        Assert.Equal("Succeeded", lastRun.Status);
        Assert.StartsWith(JobId + "@", lastRun.RunId, StringComparison.Ordinal);
        Assert.True((long?)shown["counts"]?["succeeded"] >= 5, $"counts.succeeded < 5: {shown}");

        var listed = (await _osched.RunAsync("list", "--json")).Succeeded().JsonArray();
        Assert.Contains(listed, job => (string?)job?["id"] == JobId);

        // Pause, then resume: no occurrence between the two is run.
        (await _osched.RunAsync("pause", JobId)).Succeeded();
        var pausedBy = DateTimeOffset.UtcNow;
        var paused = (await _osched.RunAsync("show", JobId, "--json")).Succeeded().JsonObject();
        Assert.True((bool?)paused["paused"], $"not paused: {paused}");
        Assert.Null(paused["nextDue"]);
        var resumedFrom = DateTimeOffset.UtcNow;
        (await _osched.RunAsync("resume", JobId)).Succeeded();
        var resumed = (await _osched.RunAsync("show", JobId, "--json")).Succeeded().JsonObject();
        Assert.False((bool?)resumed["paused"]);
        Assert.NotNull(resumed["nextDue"]);

        var trigger = (await _osched.RunAsync("trigger", JobId)).Succeeded();
        var triggeredRunId = trigger.Stdout.Trim();
        Assert.StartsWith(JobId + "@manual-", triggeredRunId, StringComparison.Ordinal);
        var history = await Eventually.MatchesAsync(
            async () => (await _osched.RunAsync("history", JobId, "--limit", "100", "--json")).Succeeded().HistoryRuns(),
            runs => runs.Any(r => r.RunId == triggeredRunId),
            $"the triggered run {triggeredRunId} in the history",
            Deadline);
        Assert.Equal("Succeeded", history.Single(r => r.RunId == triggeredRunId).Status);

        var scheduled = history.Where(r => !r.RunId.Contains("@manual-", StringComparison.Ordinal)).ToList();
        Assert.DoesNotContain(scheduled, r => r.Occurrence > pausedBy && r.Occurrence < resumedFrom);
        var anchor = scheduled.Min(r => r.Occurrence);
        Assert.All(scheduled, r => Assert.Equal(0, (r.Occurrence - anchor).Ticks % TimeSpan.TicksPerSecond));
        output.WriteLine($"fire lag of {JobId} (startedAt - occurrence): {FireLag.Describe(scheduled.Select(r => r.Lag!.Value))}");

        var deleted = (await _osched.RunAsync("delete", JobId)).Succeeded();
        Assert.Contains($"job \"{JobId}\" deleted", deleted.Stdout, StringComparison.Ordinal);
        var gone = (await _osched.RunAsync("show", JobId)).ExitedWith(1);
        Assert.Contains($"job \"{JobId}\" does not exist", gone.Stderr, StringComparison.Ordinal);
    }

    public void Dispose() => cluster.WriteLogTails(output);

    private void AssertOneRunPerSecond(IReadOnlyList<HistoryRun> runs)
    {
        Assert.All(runs, run =>
        {
            Assert.Equal($"{JobId}@{Instant.Print(run.Occurrence)}", run.RunId);
            Assert.Equal("Succeeded", run.Status);
            Assert.Contains(cluster.Silos, silo => run.Silo?.StartsWith(silo.Options.SiloAddressPrefix, StringComparison.Ordinal) == true);
            Assert.True(run.StartedAt >= run.Occurrence, $"{run.RunId} started at {run.StartedAt:O}, before its occurrence");
        });
        Assert.Equal(runs.Count, runs.Select(r => r.RunId).Distinct().Count());
        var occurrences = runs.Select(r => r.Occurrence).Order().ToList();
        Assert.All(occurrences.Zip(occurrences.Skip(1)), pair => Assert.Equal(TimeSpan.FromSeconds(1), pair.Second - pair.First));
    }
}
