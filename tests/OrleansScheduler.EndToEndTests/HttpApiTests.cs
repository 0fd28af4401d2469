using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using OrleansScheduler.EndToEndTests.Support;
using OrleansScheduler.Testing;

namespace OrleansScheduler.EndToEndTests;

/// <summary>The silo's HTTP API, against real silo processes and a real redis-server.</summary>
public sealed class HttpApiTests(ProcessCluster cluster) : IClassFixture<ProcessCluster>, IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = cluster.Silos[0].BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task PutJob_CreatesThenReplacesIt_AndGetListAndHistoryShowIt()
    {
        var id = "api-" + Guid.NewGuid().ToString("N")[..8];

        using var created = await SendAsync(HttpMethod.Put, $"/api/jobs/{id}", """{"every":"1s","handler":"log","payload":{"message":"tick"}}""");
        using var replaced = await SendAsync(HttpMethod.Put, $"/api/jobs/{id}", """{"every":"2s","handler":"log"}""");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        var job = await _http.GetFromJsonAsync<JsonElement>($"/api/jobs/{id}");
        Assert.Equal("every 2s", job.GetProperty("schedule").GetString());
        Assert.Equal("2s", job.GetProperty("every").GetString());
        var page = await _http.GetFromJsonAsync<JsonElement>("/api/jobs?limit=1000");
        Assert.Contains(page.GetProperty("jobs").EnumerateArray(), j => j.GetProperty("id").GetString() == id);
        var history = await Eventually.MatchesAsync(
            () => _http.GetFromJsonAsync<JsonElement>($"/api/jobs/{id}/history?limit=5"),
            h => h.GetArrayLength() >= 2,
            "runs in the job's history");
        Assert.All(history.EnumerateArray(), r => Assert.StartsWith($"{id}@", r.GetProperty("runId").GetString(), StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.NoContent, (await SendAsync(HttpMethod.Delete, $"/api/jobs/{id}")).StatusCode);
    }

    [Fact]
    public async Task PauseResumeTriggerDelete_DoWhatTheySay()
    {
        var id = "api-ctl-" + Guid.NewGuid().ToString("N")[..8];
        await SendAsync(HttpMethod.Put, $"/api/jobs/{id}", """{"cron":"0 0 1 1 *","handler":"log"}""");

        var paused = await (await SendAsync(HttpMethod.Post, $"/api/jobs/{id}/pause")).Content.ReadFromJsonAsync<JsonElement>();
        var resumed = await (await SendAsync(HttpMethod.Post, $"/api/jobs/{id}/resume")).Content.ReadFromJsonAsync<JsonElement>();
        using var trigger = await SendAsync(HttpMethod.Post, $"/api/jobs/{id}/trigger");
        var runId = (await trigger.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("runId").GetString();

        Assert.True(paused.GetProperty("paused").GetBoolean());
        Assert.False(resumed.GetProperty("paused").GetBoolean());
        Assert.Equal(HttpStatusCode.Accepted, trigger.StatusCode);
        await Eventually.MatchesAsync(
            () => _http.GetFromJsonAsync<JsonElement>($"/api/jobs/{id}/history"),
            h => h.EnumerateArray().Any(r => r.GetProperty("runId").GetString() == runId),
            "the triggered run");
        Assert.Equal(HttpStatusCode.NoContent, (await SendAsync(HttpMethod.Delete, $"/api/jobs/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _http.GetAsync($"/api/jobs/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(HttpMethod.Post, $"/api/jobs/{id}/pause")).StatusCode);
    }

    [Theory]
    [InlineData("""{"cron":"0 0 99 * *","handler":"log"}""", "cron: \"0 0 99 * *\" is not a valid cron expression")]
    [InlineData("""{"cron":"0 0 1 * *","tz":"Mars/Olympus","handler":"log"}""", "tz: \"Mars/Olympus\" is not a known IANA time zone")]
    [InlineData("""{"every":"500ms","handler":"log"}""", "every: \"500ms\" is below the minimum interval of 1s")]
    [InlineData("""{"every":"1s","handler":"nope"}""", "handler: \"nope\" is not registered")]
    [InlineData("""{"every":"1s","cron":"* * * * *","handler":"log"}""", "schedule: cron, every conflict")]
    [InlineData("""{"every":"1s","handler":"log","bogus":1}""", "bogus: is not a known field")]
    [InlineData("""{"id":"other","every":"1s","handler":"log"}""", "id: \"other\" in the body does not match")]
    public async Task PutJob_WithBadInput_AnswersProblemDetailsNamingTheRule_AndStoresNothing(string body, string expected)
    {
        var id = "api-bad-" + Guid.NewGuid().ToString("N")[..8];

        using var response = await SendAsync(HttpMethod.Put, $"/api/jobs/{id}", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(problem.GetProperty("errors").EnumerateArray(), e => e.GetString()!.Contains(expected, StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.NotFound, (await _http.GetAsync($"/api/jobs/{id}")).StatusCode);
    }

    [Fact]
    public async Task MutatingEndpoints_RequireTheApiKey_WhileReadsAreOpen()
    {
        var id = "api-key-" + Guid.NewGuid().ToString("N")[..8];
        await SendAsync(HttpMethod.Put, $"/api/jobs/{id}", """{"cron":"0 0 1 1 *","handler":"log"}""");

        foreach (var (method, path) in new[]
        {
            (HttpMethod.Put, $"/api/jobs/{id}"), (HttpMethod.Post, $"/api/jobs/{id}/pause"), (HttpMethod.Post, $"/api/jobs/{id}/resume"),
            (HttpMethod.Post, $"/api/jobs/{id}/trigger"), (HttpMethod.Delete, $"/api/jobs/{id}"), (HttpMethod.Post, "/api/dead-letters/x/requeue"),
        })
        {
            using var missing = await SendAsync(method, path, """{"every":"1s","handler":"log"}""", apiKey: null);
            using var wrong = await SendAsync(method, path, """{"every":"1s","handler":"log"}""", apiKey: "not-the-key");
            Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        var job = await _http.GetFromJsonAsync<JsonElement>($"/api/jobs/{id}");
        Assert.Equal("0 0 1 1 *", job.GetProperty("cron").GetString());
        Assert.Equal(HttpStatusCode.OK, (await _http.GetAsync("/api/queues")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _http.GetAsync("/api/dead-letters")).StatusCode);
    }

    [Fact]
    public async Task FailingRun_ShowsUpInDeadLetters_AndRequeueRunsItAgain()
    {
        var id = "api-dead-" + Guid.NewGuid().ToString("N")[..8];
        // Nothing listens on port 1: the http handler fails at once.
        await SendAsync(HttpMethod.Put, $"/api/jobs/{id}", """{"cron":"0 0 1 1 *","handler":"http","maxAttempts":1,"payload":{"url":"http://127.0.0.1:1/"}}""");
        var runId = (await (await SendAsync(HttpMethod.Post, $"/api/jobs/{id}/trigger")).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("runId").GetString();

        await Eventually.MatchesAsync(
            () => _http.GetFromJsonAsync<JsonElement>("/api/dead-letters"),
            d => d.EnumerateArray().Any(e => e.GetProperty("runId").GetString() == runId),
            "the run among the dead letters");
        using var requeued = await SendAsync(HttpMethod.Post, $"/api/dead-letters/{Uri.EscapeDataString(runId!)}/requeue");
        using var unknown = await SendAsync(HttpMethod.Post, "/api/dead-letters/no-such-run/requeue");

        Assert.Equal(HttpStatusCode.Accepted, requeued.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        await Eventually.MatchesAsync(
            () => _http.GetFromJsonAsync<JsonElement>($"/api/jobs/{id}"),
            j => j.GetProperty("counts").GetProperty("deadLettered").GetInt32() == 2,
            "the requeued run to run (and fail) again");
        var queues = await _http.GetFromJsonAsync<JsonElement>("/api/queues");
        Assert.True(queues.GetProperty("queued").TryGetProperty("default", out _));
    }

    [Fact]
    public async Task OpenApiDocument_DescribesTheApi()
    {
        var document = await _http.GetStringAsync("/openapi/v1.json");

        foreach (var path in new[] { "/api/jobs", "/api/jobs/{id}", "/api/jobs/{id}/pause", "/api/jobs/{id}/resume", "/api/jobs/{id}/trigger", "/api/jobs/{id}/history", "/api/queues", "/api/dead-letters", "/api/dead-letters/{runId}/requeue",
            "/api/jobs/{id}/next", "/api/timeline", "/api/events", "/api/jobs/{id}/events" })
        {
            Assert.Contains($"\"{path}\"", document, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Next_ListsTheJobsNextOccurrences_InUtcAndItsZone_AndRejectsABadCount()
    {
        var id = "api-next-" + Guid.NewGuid().ToString("N")[..8];
        await SendAsync(HttpMethod.Put, $"/api/jobs/{id}", """{"cron":"0 30 2 * * *","tz":"Europe/Berlin","handler":"log"}""");

        var next = await _http.GetFromJsonAsync<JsonElement>($"/api/jobs/{id}/next?count=3");
        using var badCount = await _http.GetAsync($"/api/jobs/{id}/next?count=0");
        using var unknown = await _http.GetAsync("/api/jobs/no-such-job/next");

        Assert.Equal(3, next.GetArrayLength());
        var utc = next.EnumerateArray().Select(o => Instant.Parse(o.GetProperty("utc").GetString()!)).ToList();
        Assert.All(utc, o => Assert.True(o > DateTimeOffset.UtcNow.AddSeconds(-5)));
        Assert.Equal(utc.Order(), utc);
        Assert.All(next.EnumerateArray(), o =>
        {
            Assert.Equal("Europe/Berlin", o.GetProperty("tz").GetString());
            Assert.Matches(@"T02:30:00\.000\+0[12]:00$", o.GetProperty("local").GetString());
        });
        Assert.Equal(HttpStatusCode.BadRequest, badCount.StatusCode);
        Assert.Contains("count: 0 is outside 1-1000", await badCount.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("job \\\"no-such-job\\\" does not exist", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Timeline_ListsTheNextHoursOccurrencesOfActiveJobs_SpreadsDenseOnes_AndLeavesOutPausedOnes()
    {
        var prefix = "api-tl-" + Guid.NewGuid().ToString("N")[..8];
        await SendAsync(HttpMethod.Put, $"/api/jobs/{prefix}-a-dense", """{"every":"1s","handler":"log"}""");
        await SendAsync(HttpMethod.Put, $"/api/jobs/{prefix}-b-5min", """{"cron":"0 */5 * * * *","handler":"log"}""");
        await SendAsync(HttpMethod.Put, $"/api/jobs/{prefix}-c-paused", """{"every":"1m","handler":"log"}""");
        await SendAsync(HttpMethod.Post, $"/api/jobs/{prefix}-c-paused/pause");

        // The page starts just before this test's ids, so other tests' jobs do not crowd it out.
        var timeline = await _http.GetFromJsonAsync<JsonElement>($"/api/timeline?minutes=60&ticks=60&after={prefix}&limit=3");
        using var bad = await _http.GetAsync("/api/timeline?minutes=0&ticks=5000");

        var from = Instant.Parse(timeline.GetProperty("from").GetString()!);
        var to = Instant.Parse(timeline.GetProperty("to").GetString()!);
        Assert.Equal(TimeSpan.FromHours(1), to - from);
        var rows = timeline.GetProperty("jobs").EnumerateArray().ToDictionary(r => r.GetProperty("id").GetString()!);
        Assert.Equal(new[] { $"{prefix}-a-dense", $"{prefix}-b-5min" }, rows.Keys.Order());
        var dense = rows[$"{prefix}-a-dense"].GetProperty("occurrences").EnumerateArray().Select(o => Instant.Parse(o.GetString()!)).ToList();
        Assert.True(rows[$"{prefix}-a-dense"].GetProperty("thinned").GetBoolean());
        Assert.InRange(dense.Count, 59, 60);
        Assert.True(dense[^1] - dense[0] > TimeSpan.FromMinutes(55), "a dense job's ticks are spread over the whole window, not bunched at its start");
        var everyFive = rows[$"{prefix}-b-5min"].GetProperty("occurrences").EnumerateArray().Select(o => Instant.Parse(o.GetString()!)).ToList();
        Assert.False(rows[$"{prefix}-b-5min"].GetProperty("thinned").GetBoolean());
        Assert.Equal(12, everyFive.Count);
        Assert.All(everyFive, o => Assert.True(o > from && o <= to && o.Minute % 5 == 0 && o.Second == 0));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problem = await bad.Content.ReadFromJsonAsync<JsonElement>();
        var errors = problem.GetProperty("errors").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Equal(2, errors.Count);
        Assert.Equal("minutes: 0 is outside 1-1440", errors[0]);
        Assert.Equal("ticks: 5000 is outside 1-1000", errors[1]);
    }

    [Fact]
    public async Task JobEvents_SendTheJobAtOnce_ThenEachNewRun_AndOverviewEventsCarryJobsAndQueues()
    {
        var id = "api-sse-" + Guid.NewGuid().ToString("N")[..8];
        await SendAsync(HttpMethod.Put, $"/api/jobs/{id}", """{"cron":"0 0 1 1 *","handler":"log"}""");
        using var streams = new HttpClient { BaseAddress = _http.BaseAddress, Timeout = Timeout.InfiniteTimeSpan };
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        using var jobStream = await streams.GetAsync($"/api/jobs/{id}/events?history=5&count=2", HttpCompletionOption.ResponseHeadersRead, deadline.Token);
        Assert.Equal("text/event-stream", jobStream.Content.Headers.ContentType?.MediaType);
        await using var jobEvents = await jobStream.Content.ReadAsStreamAsync(deadline.Token);
        await using var events = System.Net.ServerSentEvents.SseParser.Create(jobEvents).EnumerateAsync(deadline.Token).GetAsyncEnumerator(deadline.Token);
        var first = await NextEventAsync(events, "job");
        Assert.Equal(id, first.GetProperty("job").GetProperty("id").GetString());
        Assert.Equal(0, first.GetProperty("history").GetArrayLength());
        Assert.Equal(2, first.GetProperty("next").GetArrayLength());

        var runId = (await (await SendAsync(HttpMethod.Post, $"/api/jobs/{id}/trigger")).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("runId").GetString();
        JsonElement withRun;
        do
        {
            withRun = await NextEventAsync(events, "job");
        }
        while (!withRun.GetProperty("history").EnumerateArray().Any(r => r.GetProperty("runId").GetString() == runId));

        using var overviewStream = await streams.GetAsync($"/api/events?after={id[..^1]}&limit=1", HttpCompletionOption.ResponseHeadersRead, deadline.Token);
        await using var overviewEvents = await overviewStream.Content.ReadAsStreamAsync(deadline.Token);
        await using var overviews = System.Net.ServerSentEvents.SseParser.Create(overviewEvents).EnumerateAsync(deadline.Token).GetAsyncEnumerator(deadline.Token);
        var overview = await NextEventAsync(overviews, "overview");
        Assert.Equal(id, Assert.Single(overview.GetProperty("jobs").EnumerateArray()).GetProperty("id").GetString());
        Assert.True(overview.GetProperty("queues").TryGetProperty("queued", out _));
        Assert.Equal(JsonValueKind.Array, overview.GetProperty("deadLetters").ValueKind);
        using var unknown = await _http.GetAsync("/api/jobs/no-such-job/events");
        using var bad = await _http.GetAsync("/api/events?state=sleeping");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task Root_ServesTheJobsView_WithItsScripts_AndRevalidatesByETag()
    {
        using var page = await _http.GetAsync("/");
        var html = await page.Content.ReadAsStringAsync();
        using var script = await _http.GetAsync("/ui/app.js");
        using var missing = await _http.GetAsync("/ui/no-such-file.js");
        using var again = new HttpRequestMessage(HttpMethod.Get, "/ui/app.js");
        again.Headers.IfNoneMatch.Add(script.Headers.ETag!);
        using var revalidated = await _http.SendAsync(again);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("ui/app.js", html, StringComparison.Ordinal);
        Assert.Contains("dashboard", html, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
    }

    private static async Task<JsonElement> NextEventAsync(IAsyncEnumerator<System.Net.ServerSentEvents.SseItem<string>> events, string type)
    {
        while (await events.MoveNextAsync())
        {
            if (events.Current.EventType == type)
            {
                return JsonDocument.Parse(events.Current.Data).RootElement.Clone();
            }
        }

        throw new Xunit.Sdk.XunitException($"the event stream ended before a \"{type}\" event");
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? body = null, string? apiKey = ProcessCluster.ApiKey)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null && method != HttpMethod.Delete)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        if (apiKey is not null)
        {
            request.Headers.Add("X-Api-Key", apiKey);
        }

        return await _http.SendAsync(request);
    }
}
