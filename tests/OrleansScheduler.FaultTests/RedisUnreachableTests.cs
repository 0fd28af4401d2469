using System.Net;
using System.Text.RegularExpressions;
using OrleansScheduler.FaultTests.Support;
using OrleansScheduler.Testing;

namespace OrleansScheduler.FaultTests;

/// <summary>
/// Issue #3, test 5: Redis unreachable for 10 s. Both silo processes stay up (same pid, never restarted), report
/// unhealthy on <c>/healthz</c> meanwhile and healthy afterwards, and their jobs fire again on their own; occurrences
/// that could not be enqueued meanwhile are accounted for by the misfire policy (FireOnce).
/// </summary>
/// <remarks>
/// Redis is made unreachable with SIGSTOP / SIGCONT to its pid rather than stopped: its sockets stay open and the
/// kernel still accepts connections, but nothing answers, so every command hangs until the client's timeout. That is
/// the harder outage for a client (a network partition or a hung server: no "connection refused" to fail fast on),
/// and the one the restart test (<see cref="RedisRestartTests"/>) does not cover; the data stays in memory, so this
/// test is about the silos' behaviour alone.
/// </remarks>
[Trait("Category", "Fault")]
public sealed partial class RedisUnreachableTests(ITestOutputHelper output) : FaultScenario(output, "redis-down")
{
    private const int TickJobs = 8;
    private const HttpStatusCode NoAnswer = 0;
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(10);


    [Fact]
    public async Task RedisUnreachableFor10s_SilosStayUp_ReportUnhealthyThenHealthy_AndJobsResume()
    {
        var start = Instant.WholeSecondAfter(DateTimeOffset.UtcNow, TimeSpan.Zero).AddSeconds(-10);
        var ticks = Enumerable.Range(0, TickJobs).Select(i => $"down-tick-{i}").ToList();
        var file = HttpJobs.Write(WorkDirectory.FullName, "redis-down.json", ticks.Select(id => HttpJobs.Every(id, "1s", start, Receiver.Url())));
        (await Cluster.Osched.RunAsync("apply", file)).Succeeded();
        await Eventually.TrueAsync(() => Task.FromResult(ticks.All(id => Receiver.ArrivalsOf(id).Count >= 3)), "every job to fire three times", TimeSpan.FromSeconds(60));

        var silos = Cluster.RunningSilos.ToList();
        var pids = silos.Select(s => s.Pid).ToList();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        foreach (var silo in silos)
        {
            Assert.Equal(HttpStatusCode.OK, (await GetHealthAsync(http, silo)).Status);
        }

        var redisPid = await Cluster.GetRedisPidAsync();
        var frozenAt = DateTimeOffset.UtcNow;
        ProcessSignals.Freeze(redisPid);
        Output.WriteLine($"{FaultCluster.Stamp()} SIGSTOP redis-server (pid {redisPid})");
        var unhealthy = new Dictionary<int, (HttpStatusCode Status, string Body)>();
        DateTimeOffset thawedAt;
        try
        {
            // Poll both silos' health during the outage; each must report unhealthy at least once.
            while (DateTimeOffset.UtcNow - frozenAt < Outage)
            {
                foreach (var silo in silos.Where(s => !unhealthy.ContainsKey(s.Pid)))
                {
                    var health = await GetHealthAsync(http, silo);
                    if (health.Status is not (HttpStatusCode.OK or NoAnswer))
                    {
                        unhealthy[silo.Pid] = health;
                        Output.WriteLine($"{FaultCluster.Stamp()} {silo} /healthz during the outage: {(int)health.Status} {health.Body}");
                    }
                }

                await Task.Delay(250);
            }
        }
        finally
        {
            ProcessSignals.Thaw(redisPid);
            thawedAt = DateTimeOffset.UtcNow;
            Output.WriteLine($"{FaultCluster.Stamp()} SIGCONT redis-server after {Instant.Seconds(thawedAt - frozenAt)}");
        }

        foreach (var silo in silos)
        {
            await Eventually.TrueAsync(async () => (await GetHealthAsync(http, silo)).Status == HttpStatusCode.OK, $"{silo} /healthz to answer 200 again", TimeSpan.FromSeconds(60));
        }

        Output.WriteLine($"{FaultCluster.Stamp()} both silos healthy again, {Instant.Seconds(DateTimeOffset.UtcNow - thawedAt)} after SIGCONT");
        await Eventually.TrueAsync(
            () => Task.FromResult(ticks.All(id => Timeline(id, start).FirstArrivalOfOccurrenceAfter(thawedAt) is { } resumed && Timeline(id, start).Last > resumed.ArrivedAt + TimeSpan.FromSeconds(3))),
            "every job to fire again after the outage and run on for 3 s",
            TimeSpan.FromSeconds(60));

        var histories = await Cluster.ReadHistoriesAsync(ticks);
        var problems = new List<string>();
        foreach (var id in ticks)
        {
            var timeline = Timeline(id, start);
            Output.WriteLine($"{timeline}; fired again {Instant.Seconds(timeline.FirstArrivalOfOccurrenceAfter(thawedAt)!.ArrivedAt - thawedAt)} after SIGCONT");
            foreach (var skipped in histories[id].Where(h => h.Status == "Skipped"))
            {
                Output.WriteLine($"    {skipped}");
            }

            problems.AddRange(timeline.Unexpected.Select(runId => $"{id}: a run id that names no occurrence of the job arrived: {runId}"));

            // A job may wake several times while it cannot enqueue; each wake-up applies FireOnce. What must hold is the
            // account: every occurrence either ran or is recorded Skipped, never neither and never both.
            problems.AddRange(timeline.Holes().Count == 0
                ? MisfireExpectations.CheckUndisturbed(timeline, histories[id])
                : MisfireExpectations.CheckMissed("FireOnce", timeline, histories[id], [], singleGap: false));
        }

        for (var i = 0; i < silos.Count; i++)
        {
            var silo = silos[i];
            Assert.False(silo.HasExited, $"{silo} exited during or after the outage");
            Assert.Same(silo, Cluster.Silo(i));
            Assert.Equal(pids[i], silo.Pid);
            var starts = ApplicationStarted().Count(silo.ReadLog());
            Assert.True(starts == 1, $"{silo} started {starts} times (crash loop?)");
            Assert.True(unhealthy.ContainsKey(silo.Pid), $"{silo} never reported unhealthy on /healthz while Redis was unreachable");
        }

        AssertNoProblems(problems);
    }

    private static async Task<(HttpStatusCode Status, string Body)> GetHealthAsync(HttpClient http, SiloProcess silo)
    {
        try
        {
            using var response = await http.GetAsync(new Uri(silo.BaseAddress, "healthz"));
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            // No answer is not a report: the endpoint must answer, and say it is unhealthy.
            return (NoAnswer, $"no answer: {ex.Message}");
        }
    }

    private JobTimeline Timeline(string jobId, DateTimeOffset start) => new(jobId, start, TimeSpan.FromSeconds(1), Receiver.ArrivalsOf(jobId));

    [GeneratedRegex(@"Application started\.")]
    private static partial Regex ApplicationStarted();
}
