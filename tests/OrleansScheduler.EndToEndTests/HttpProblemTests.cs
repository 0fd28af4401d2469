using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using OrleansScheduler.EndToEndTests.Support;
using OrleansScheduler.Testing;

namespace OrleansScheduler.EndToEndTests;

/// <summary>
/// The errors ASP.NET Core and the Orleans Dashboard answer by themselves (a query value that does not bind, a wrong
/// method or body type, a dashboard path that names no silo), against real silo processes: problem details, never an
/// empty body or a 500.
/// </summary>
public sealed class HttpProblemTests(ProcessCluster cluster) : IClassFixture<ProcessCluster>, IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = cluster.Silos[0].BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

    public void Dispose() => _http.Dispose();

    [Theory]
    [InlineData("/api/jobs?limit=abc", "limit: \"abc\" is not a whole number")]
    [InlineData("/api/jobs?limit=2147483648", "limit: \"2147483648\" is not a whole number")]
    [InlineData("/api/jobs?limit=1&limit=2", "limit: given 2 times; give it once")]
    [InlineData("/api/jobs/t1/history?limit=x", "limit: \"x\" is not a whole number")]
    [InlineData("/api/dead-letters?limit=x", "limit: \"x\" is not a whole number")]
    [InlineData("/api/timeline?minutes=99999999999", "minutes: \"99999999999\" is not a whole number")]
    [InlineData("/api/timeline?ticks=1.5", "ticks: \"1.5\" is not a whole number")]
    [InlineData("/api/jobs/t1/next?count=many", "count: \"many\" is not a whole number")]
    [InlineData("/api/events?limit=x", "limit: \"x\" is not a whole number")]
    public async Task D7_QueryValueThatDoesNotBind_AnswersProblemDetails400_NamingTheParameter(string path, string expected)
    {
        using var response = await _http.GetAsync(path);

        var problem = await Problem.ReadAsync(response, HttpStatusCode.BadRequest);
        var error = Assert.Single(Problem.Errors(problem));
        Assert.StartsWith(expected, error, StringComparison.Ordinal);
        Assert.DoesNotContain("Nullable", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("PATCH", "/api/jobs", "GET")]
    [InlineData("DELETE", "/api/queues", "GET")]
    [InlineData("GET", "/api/dead-letters/r1/requeue", "POST")]
    [InlineData("POST", "/api/jobs/j1", "PUT")]
    [InlineData("PUT", "/api/jobs/j1/pause", "POST")]
    public async Task D7_MethodTheRouteDoesNotTake_AnswersProblemDetails405_WithTheAllowedMethods(string method, string path, string allowed)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        request.Headers.Add("X-Api-Key", ProcessCluster.ApiKey);

        using var response = await _http.SendAsync(request);

        var problem = await Problem.ReadAsync(response, HttpStatusCode.MethodNotAllowed);
        Assert.Contains(allowed, response.Content.Headers.Allow);
        Assert.Contains($"allowed: {string.Join(", ", response.Content.Headers.Allow)}", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("text/plain", """{"every":"1h","handler":"log"}""")]
    [InlineData("application/xml", """<job every="1h" handler="log"/>""")]
    [InlineData("application/x-www-form-urlencoded", "every=1h&handler=log")]
    public async Task D7_PutJob_WithABodyThatIsNotJson_AnswersProblemDetails415_AndStoresNothing(string contentType, string body)
    {
        var id = "api-415-" + Guid.NewGuid().ToString("N")[..8];
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/jobs/{id}") { Content = new StringContent(body, Encoding.UTF8, contentType) };
        request.Headers.Add("X-Api-Key", ProcessCluster.ApiKey);

        using var response = await _http.SendAsync(request);

        var problem = await Problem.ReadAsync(response, HttpStatusCode.UnsupportedMediaType);
        Assert.Contains("application/json", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await _http.GetAsync($"/api/jobs/{id}")).StatusCode);
    }

    [Fact]
    public async Task UnknownPath_AnswersProblemDetails404()
    {
        using var response = await _http.GetAsync("/api/no-such-thing");

        await Problem.ReadAsync(response, HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("/dashboard/HistoricalStats/..%2F..")]
    [InlineData("/dashboard/HistoricalStats/abc")]
    [InlineData("/dashboard/SiloProperties/..%2F..%2Fetc")]
    [InlineData("/dashboard/SiloMetadata/abc")]
    [InlineData("/dashboard/SiloCounters/127.0.0.1")]
    public async Task D9_DashboardSiloEndpoint_WithAValueThatIsNotASiloAddress_AnswersProblemDetails404(string path)
    {
        using var response = await _http.GetAsync(path);

        var problem = await Problem.ReadAsync(response, HttpStatusCode.NotFound);
        Assert.Contains("no silo has the address", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await _http.GetAsync("/healthz")).StatusCode);
    }

    [Fact]
    public async Task DashboardSiloEndpoints_WithARealSiloAddress_StillAnswer()
    {
        // The dashboard fills its counters once a second after it starts: until then it lists no host.
        var counters = await Eventually.MatchesAsync(
            () => _http.GetFromJsonAsync<JsonElement>("/dashboard/DashboardCounters"),
            c => c.GetProperty("hosts").GetArrayLength() > 0,
            "the dashboard to list a silo");
        var silo = counters.GetProperty("hosts").EnumerateArray().First().GetProperty("siloAddress").GetString()!;

        foreach (var endpoint in new[] { "HistoricalStats", "SiloProperties", "SiloMetadata", "SiloStats", "SiloCounters" })
        {
            using var response = await _http.GetAsync($"/dashboard/{endpoint}/{silo}");
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{endpoint}/{silo}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    [Theory]
    [InlineData("PUT", "/healthz")]
    [InlineData("POST", "/healthz")]
    [InlineData("POST", "/metrics")]
    [InlineData("DELETE", "/metrics")]
    public async Task HealthAndMetrics_AnswerProblemDetails405_ToMethodsOtherThanGetAndHead(string method, string path)
    {
        using var response = await _http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        await Problem.ReadAsync(response, HttpStatusCode.MethodNotAllowed);
        Assert.Equal("GET, HEAD", string.Join(", ", response.Content.Headers.Allow.Order()));
    }

    [Theory]
    [InlineData("/healthz")]
    [InlineData("/metrics")]
    [InlineData("/api/jobs")]
    [InlineData("/api/queues")]
    [InlineData("/")]
    public async Task Head_OnAGetEndpoint_AnswersAsGetWithoutABody(string path)
    {
        using var response = await _http.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Head_OnAnEventStream_AnswersProblemDetails405()
    {
        using var response = await _http.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/api/events"));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("GET", Assert.Single(response.Content.Headers.Allow));
    }
}
