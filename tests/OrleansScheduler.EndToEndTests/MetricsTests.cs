using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using OrleansScheduler.EndToEndTests.Support;
using OrleansScheduler.Testing;

namespace OrleansScheduler.EndToEndTests;

/// <summary>
/// GET /metrics on real silo processes: the scheduler's metrics in Prometheus' text format. Counters count what each
/// silo did (a job's runs may execute on either), so the tests add up both silos' scrapes.
/// </summary>
public sealed class MetricsTests(ProcessCluster cluster, ITestOutputHelper output) : IClassFixture<ProcessCluster>, IDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task Metrics_CountEnqueuedStartedAndFinishedRuns_AndMeasureFireLag_AndReportQueueDepths()
    {
        var id = "metrics-" + Guid.NewGuid().ToString("N")[..8];
        using var put = await PutJobAsync(id, """{"every":"1s","handler":"log","payload":{"message":"metrics"}}""");
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);

        // Each silo's scrape is a snapshot of its own moment: wait until every counter has caught up.
        var metrics = await Eventually.MatchesAsync(
            ScrapeAllAsync,
            m => m.Sum("osched_occurrences_enqueued_total", "osched_run_kind", "scheduled") >= 3
                && m.Sum("osched_runs_started_total") >= 3
                && m.Sum("osched_runs_finished_total", "osched_run_status", "succeeded") >= 3
                && m.Sum("osched_run_fire_lag_seconds_count") >= 3
                && m.Of("osched_runs_queued").Any(),
            "three enqueued, started and succeeded runs in the silos' metrics, and the queue gauge",
            TimeSpan.FromSeconds(90));
        using var deleted = await SendAsync(HttpMethod.Delete, $"/api/jobs/{id}");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        var lagCount = metrics.Sum("osched_run_fire_lag_seconds_count");
        var lagSum = metrics.Sum("osched_run_fire_lag_seconds_sum");
        Assert.NotEmpty(metrics.Of("osched_run_fire_lag_seconds_bucket"));
        Assert.Equal(lagCount, metrics.Sum("osched_run_fire_lag_seconds_bucket", "le", "+Inf"));
        Assert.InRange(lagSum, 0, double.MaxValue);
        Assert.True(lagSum / lagCount < 10, $"mean fire lag {lagSum / lagCount:0.000} s over {lagCount} runs");
        Assert.Contains(metrics.Of("osched_runs_queued"), q => q.Labels["osched_queue"] == "default" && q.Value >= 0);
        Assert.NotEmpty(metrics.Of("osched_runs_processing"));
        output.WriteLine($"mean fire lag {lagSum / lagCount * 1000:0.0} ms over {lagCount} runs");
    }

    [Fact]
    public async Task MissedOneShot_CountsAsAMissedOccurrenceOfItsJob_AndShowsInTheJobsMissedField()
    {
        // A one-shot due a minute ago, longer than the misfire threshold: missed, and with misfire Skip not run.
        var id = "metrics-missed-" + Guid.NewGuid().ToString("N")[..8];
        var at = InstantFormat.Format(DateTimeOffset.UtcNow.AddMinutes(-1));
        using var put = await PutJobAsync(id, $$"""{"at":"{{at}}","handler":"log","misfire":"Skip"}""");
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);

        var metrics = await Eventually.MatchesAsync(
            ScrapeAllAsync,
            m => m.Of("osched_occurrences_missed_total", "osched_job_id", id).Any(),
            "the job's missed-occurrence counter",
            TimeSpan.FromSeconds(60));
        var job = await _http.GetFromJsonAsync<JsonElement>(new Uri(cluster.Silos[0].BaseAddress, $"api/jobs/{id}"));
        using var deleted = await SendAsync(HttpMethod.Delete, $"/api/jobs/{id}");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        var missed = Assert.Single(metrics.Of("osched_occurrences_missed_total", "osched_job_id", id));
        Assert.Equal(("misfire", 1.0), (missed.Labels["osched_missed_reason"], missed.Value));
        var view = job.GetProperty("missed");
        Assert.Equal(1, view.GetProperty("count").GetInt64());
        Assert.Equal(at, view.GetProperty("last").GetString());
        Assert.Equal("misfire", view.GetProperty("reason").GetString());
    }

    private async Task<PrometheusText> ScrapeAllAsync()
    {
        var scrapes = new List<string>();
        foreach (var silo in cluster.Silos)
        {
            using var response = await _http.GetAsync(new Uri(silo.BaseAddress, "metrics"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            scrapes.Add(await response.Content.ReadAsStringAsync());
        }

        return PrometheusText.Parse(scrapes);
    }

    private Task<HttpResponseMessage> PutJobAsync(string id, string body) => SendAsync(HttpMethod.Put, $"/api/jobs/{id}", body);

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? body = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(cluster.Silos[0].BaseAddress, path.TrimStart('/')));
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        request.Headers.Add("X-Api-Key", ProcessCluster.ApiKey);
        return await _http.SendAsync(request);
    }
}
