using OrleansScheduler.EndToEndTests.Support;
using OrleansScheduler.Redis;
using OrleansScheduler.Testing.Fuzzing;

namespace OrleansScheduler.EndToEndTests;

/// <summary>
/// The fuzz test's short mode against real silo processes and Redis (issue 21): a few hundred generated requests on
/// every route and a few dozen generated apply files. No 5xx, problem details for every 4xx, no key written by a
/// rejected request, accepted jobs read back as sent, the silos healthy, apply exiting 0 or 2 with every rejection
/// naming its entry. The seed comes from <c>OSCHED_FUZZ_SEED</c> (scripts/test.sh prints it) or is drawn and printed;
/// the benchmark harness's <c>fuzz</c> workload is the long mode.
/// </summary>
public sealed class FuzzTests(ProcessCluster cluster, ITestOutputHelper output) : IClassFixture<ProcessCluster>
{
    /// <summary>Requests in the short mode.</summary>
    public const int HttpCases = 400;

    /// <summary>Apply files in the short mode.</summary>
    public const int ApplyFiles = 30;

    [Fact]
    public async Task FuzzedRequests_AnswerProblemDetails_AndRejectedOnesWriteNothing()
    {
        var report = NewReport();
        using var redis = await cluster.Redis.ConnectAsync();
        using var target = new HttpFuzzTarget(cluster.Silos[0].BaseAddress, redis, new KeyspaceRules(cluster.ServiceId), ProcessCluster.ApiKey);
        await target.SetUpAsync();

        for (var i = 0; i < HttpCases; i++)
        {
            await target.RunAsync(report, i);
        }

        await target.CheckHealthAsync(report, HttpCases, "the last case");
        Finish(report);
    }

    [Fact]
    public async Task FuzzedApplyFiles_ExitZeroOrTwo_NameEachRejectedEntry_AndStoreNothingWhenRefused()
    {
        var report = NewReport();
        using var redis = await cluster.Redis.ConnectAsync();
        var rules = new KeyspaceRules(cluster.ServiceId);
        foreach (var id in HttpFuzzTarget.FixedJobs.Keys)
        {
            rules.AddJob(id);
        }

        using var target = new ApplyFuzzTarget(cluster.Osched.WithLog(null), redis, rules, cluster.Silos[0].BaseAddress, ProcessCluster.ApiKey);

        for (var i = 0; i < ApplyFiles; i++)
        {
            await target.RunAsync(report, i);
        }

        Finish(report);
    }

    // The keyspace check must see what it is there to see: a hash field, a grain state key and a reminder entry of a job
    // the run never accepted are counted; the same for a job it did accept, and the membership table, are not.
    [Fact]
    public async Task KeyspaceCheck_CountsElementsOfUnknownJobs_AndNotTheSilosOwnOrKnownJobs()
    {
        using var redis = await cluster.Redis.ConnectAsync();
        var db = redis.GetDatabase();
        var rules = new KeyspaceRules(cluster.ServiceId);
        var keys = new SchedulerKeys(cluster.ServiceId);
        rules.AddJob("fz-known");
        var before = await KeyspaceSnapshot.TakeAsync(redis);

        await db.HashSetAsync(keys.Counts("fz-unknown"), "succeeded", 1);
        await db.StringSetAsync($"{cluster.ServiceId}/state/job/fz-unknown/job", "x");
        await db.SortedSetAddAsync($"{cluster.ServiceId}/reminders", "\"1\",\"job/fz-unknown\",\"osched-wake\"", 1);
        await db.HashSetAsync(keys.Counts("fz-known"), "succeeded", 1);
        await db.StringSetAsync($"{cluster.ServiceId}/state/job/fz-known/job", "x");
        await db.SortedSetAddAsync($"{cluster.ServiceId}/reminders", "\"1\",\"job/fz-known\",\"osched-wake\"", 1);
        await db.HashSetAsync($"{cluster.ServiceId}/members/{cluster.ClusterId}", "fz-silo", "alive");
        var written = rules.Unexplained((await KeyspaceSnapshot.TakeAsync(redis)).WrittenSince(before));

        Assert.Equal(
            [
                keys.Counts("fz-unknown") + "#succeeded",
                $"{cluster.ServiceId}/reminders#\"1\",\"job/fz-unknown\",\"osched-wake\"",
                $"{cluster.ServiceId}/state/job/fz-unknown/job",
            ],
            written);
        await db.KeyDeleteAsync([keys.Counts("fz-unknown"), $"{cluster.ServiceId}/state/job/fz-unknown/job", keys.Counts("fz-known"), $"{cluster.ServiceId}/state/job/fz-known/job"]);
        await db.SortedSetRemoveAsync($"{cluster.ServiceId}/reminders", ["\"1\",\"job/fz-unknown\",\"osched-wake\"", "\"1\",\"job/fz-known\",\"osched-wake\""]);
        await db.HashDeleteAsync($"{cluster.ServiceId}/members/{cluster.ClusterId}", "fz-silo");
    }

    private FuzzReport NewReport()
    {
        var report = new FuzzReport(FuzzSeed.FromEnvironment());
        output.WriteLine($"seed {report.Seed} (replay: {FuzzSeed.Variable}={report.Seed})");
        return report;
    }

    private void Finish(FuzzReport report)
    {
        output.WriteLine(report.ToString());
        if (!report.Passed)
        {
            cluster.WriteLogTails(output, 40);
        }

        Assert.True(report.Passed, report.ToString());
    }
}
