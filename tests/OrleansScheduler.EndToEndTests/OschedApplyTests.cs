using System.Text.Json.Nodes;
using OrleansScheduler.EndToEndTests.Support;
using OrleansScheduler.Testing;

namespace OrleansScheduler.EndToEndTests;

/// <summary><c>osched apply</c> against two real silo processes.</summary>
public sealed class OschedApplyTests(ProcessCluster cluster, ITestOutputHelper output) : IClassFixture<ProcessCluster>, IDisposable
{
    private const int JobCount = 200;
    private static readonly string[] DefinitionFields = ["cron", "tz", "every", "at", "handler"];
    private readonly Osched _osched = cluster.Osched.WithLog(output.WriteLine);
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("osched-e2e-apply-");

    [Fact]
    public async Task Apply_CreatesEveryJobInTheFile_AndRejectsAnInvalidFileWholesale()
    {
        var now = DateTimeOffset.UtcNow;
        var jobs = Enumerable.Range(0, JobCount).Select(i => ApplyFiles.MixedJob($"apply-{i:000}", i, now)).ToList();
        var file = ApplyFiles.Write(_directory.FullName, "jobs.json", jobs);

        var applied = (await _osched.RunAsync("apply", file)).Succeeded();
        Assert.Matches($@"^applied {JobCount} jobs \({JobCount} created or changed, 0 unchanged\) in \d+\.\d\d s$", applied.Stdout.Trim());

        var listed = await ListAsync();
        Assert.Equal(jobs.Select(j => (string)j["id"]!).Order(StringComparer.Ordinal), listed.Keys.Order(StringComparer.Ordinal));
        Assert.All(jobs, job =>
        {
            var shown = listed[(string)job["id"]!];
            foreach (var field in DefinitionFields.Where(f => job[f] is not null))
            {
                Assert.Equal((string?)job[field], (string?)shown[field]);
            }

            Assert.True(JsonNode.DeepEquals(job["payload"], shown["payload"]), $"payload differs: {shown}");
        });

        // Every good entry changes a job or adds one; a single bad entry must stop all of them.
        var changed = jobs.Select(j => WithMessage(j, "changed"))
            .Concat(Enumerable.Range(0, 20).Select(i => ApplyFiles.MixedJob($"apply-new-{i:00}", i, now)))
            .ToList();
        const int BadIndex = 123;
        changed.Insert(BadIndex, new JsonObject { ["id"] = "apply-bad", ["cron"] = "61 * * * *", ["handler"] = "log" });
        var badFile = ApplyFiles.Write(_directory.FullName, "bad-jobs.json", changed);

        var rejected = (await _osched.RunAsync("apply", badFile)).ExitedWith(2);
        var namedEntries = rejected.Stderr.Split('\n').Where(l => l.Contains("jobs[", StringComparison.Ordinal)).ToList();
        var named = Assert.Single(namedEntries);
        Assert.Contains($"jobs[{BadIndex}] (id \"apply-bad\"): cron: \"61 * * * *\"", named, StringComparison.Ordinal);
        Assert.Contains($"1 of {changed.Count} jobs are invalid; nothing was applied", rejected.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("applied", rejected.Stdout, StringComparison.Ordinal);

        var after = await ListAsync();
        Assert.Equal(Fingerprint(listed), Fingerprint(after));
    }

    public void Dispose()
    {
        cluster.WriteLogTails(output);
        _directory.Delete(recursive: true);
    }

    private async Task<Dictionary<string, JsonObject>> ListAsync()
    {
        var listed = (await _osched.RunAsync("list", "--json")).Succeeded().JsonArray();
        return listed.Select(job => Assert.IsType<JsonObject>(job)).ToDictionary(job => (string)job["id"]!, StringComparer.Ordinal);
    }

    private static JsonObject WithMessage(JsonObject job, string message)
    {
        var copy = job.DeepClone().AsObject();
        copy["payload"] = new JsonObject { ["message"] = message };
        return copy;
    }

    // What a rejected apply must not change: the set of jobs, their definitions and when they were last changed.
    private static List<string> Fingerprint(Dictionary<string, JsonObject> jobs) =>
        [.. jobs.Values
            .Select(j => $"{j["id"]} | {j["schedule"]} | {j["payload"]?.ToJsonString()} | {j["updatedAt"]}")
            .Order(StringComparer.Ordinal)];
}
