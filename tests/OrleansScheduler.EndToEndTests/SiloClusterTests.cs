using System.Net;
using System.Text.Json.Nodes;
using OrleansScheduler.EndToEndTests.Support;
using OrleansScheduler.Testing;

namespace OrleansScheduler.EndToEndTests;

/// <summary>The two silo processes as a cluster: work spreads over both, and each serves its HTTP endpoints.</summary>
public sealed class SiloClusterTests(ProcessCluster cluster, ITestOutputHelper output) : IClassFixture<ProcessCluster>, IDisposable
{
    private const int JobCount = 30;
    private const int MaxWaves = 5;
    private readonly Osched _osched = cluster.Osched.WithLog(output.WriteLine);
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("osched-e2e-spread-");

    [Fact]
    public async Task RunsSpreadOverBothSiloProcesses()
    {
        // A wave's runs are all queued at one instant and a dispatcher takes up to 16 at a fetch, so one silo can take a
        // whole wave before the other looks (it did once in CI): waves go on until both silos have run some, or MaxWaves.
        var runs = new List<HistoryRun>();
        for (var wave = 0; wave < MaxWaves && !cluster.Silos.All(silo => runs.Any(r => RanOn(r, silo))); wave++)
        {
            runs.AddRange(await RunWaveAsync(wave));
        }

        foreach (var silo in cluster.Silos)
        {
            var ran = runs.Count(r => RanOn(r, silo));
            output.WriteLine($"{silo}: {ran} of {runs.Count} runs");
            Assert.True(ran > 0, $"no run on {silo} in {MaxWaves} waves; silos seen: {string.Join(", ", runs.Select(r => r.Silo).Distinct())}");
        }

        Assert.All(runs, r => Assert.Contains(cluster.Silos, s => RanOn(r, s)));
        output.WriteLine($"fire lag of the one-shot jobs (startedAt - at): {FireLag.Describe(runs.Select(r => r.Lag!.Value))}");
    }

    private static bool RanOn(HistoryRun run, SiloProcess silo) =>
        run.Silo?.StartsWith(silo.Options.SiloAddressPrefix, StringComparison.Ordinal) == true;

    private async Task<List<HistoryRun>> RunWaveAsync(int wave)
    {
        // Far enough ahead for apply to finish first; whole seconds, as an operator would write it.
        var now = DateTimeOffset.UtcNow;
        var dueAt = new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero).AddSeconds(8);
        var ids = Enumerable.Range(0, JobCount).Select(i => $"spread-{wave}-{i:00}").ToList();
        var file = ApplyFiles.Write(_directory.FullName, $"spread-{wave}.json", ids.Select(id => ApplyFiles.OneShotJob(id, dueAt)));
        (await _osched.RunAsync("apply", file)).Succeeded();

        var jobs = await Eventually.MatchesAsync(
            async () => (await _osched.RunAsync("list", "--json")).Succeeded().JsonArray()
                .Select(job => Assert.IsType<JsonObject>(job))
                .Where(job => ids.Contains((string)job["id"]!))
                .ToList(),
            listed => listed.Count == JobCount && listed.All(job => (long?)job["counts"]?["succeeded"] >= 1),
            $"all {JobCount} one-shot jobs of wave {wave} to have run",
            TimeSpan.FromSeconds(60));

        return [.. jobs.Select(job =>
        {
            var id = (string)job["id"]!;
            var counts = job["counts"]!;
            Assert.True((long?)counts["succeeded"] == 1 && (long?)counts["failed"] == 0 && (long?)counts["deadLettered"] == 0, $"{id} did not run exactly once: {job}");
            Assert.Null(job["nextDue"]);
            var lastRun = HistoryRun.From(job["lastRun"]);
            Assert.Equal($"{id}@{Instant.Print(dueAt)}", lastRun.RunId);
            Assert.Equal("Succeeded", lastRun.Status);
            return lastRun;
        })];
    }

    [Fact]
    public async Task Dashboard_And_Healthz_Answer_OnBothSilos()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        foreach (var silo in cluster.Silos)
        {
            using var health = await http.GetAsync(new Uri(silo.BaseAddress, "healthz"));
            var healthBody = await health.Content.ReadAsStringAsync();
            Assert.True(health.StatusCode == HttpStatusCode.OK, $"{silo} /healthz: {(int)health.StatusCode} {healthBody}");
            Assert.Equal("Healthy", (string?)JsonNode.Parse(healthBody)?["status"]);

            using var dashboard = await http.GetAsync(new Uri(silo.BaseAddress, "dashboard/"));
            var dashboardBody = await dashboard.Content.ReadAsStringAsync();
            Assert.True(dashboard.StatusCode == HttpStatusCode.OK, $"{silo} /dashboard/: {(int)dashboard.StatusCode} {dashboardBody}");
            Assert.Contains("<html", dashboardBody, StringComparison.OrdinalIgnoreCase);
        }
    }

    public void Dispose()
    {
        cluster.WriteLogTails(output);
        _directory.Delete(recursive: true);
    }
}
