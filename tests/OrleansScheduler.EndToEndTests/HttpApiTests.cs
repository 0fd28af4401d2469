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
    [InlineData("""{"every":"1s","handler":"log","bogus":1}""", "body: ")]
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

        foreach (var path in new[] { "/api/jobs", "/api/jobs/{id}", "/api/jobs/{id}/pause", "/api/jobs/{id}/resume", "/api/jobs/{id}/trigger", "/api/jobs/{id}/history", "/api/queues", "/api/dead-letters", "/api/dead-letters/{runId}/requeue" })
        {
            Assert.Contains($"\"{path}\"", document, StringComparison.Ordinal);
        }
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
