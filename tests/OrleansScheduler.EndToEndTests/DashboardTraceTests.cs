using System.Net;
using System.Text;
using OrleansScheduler.EndToEndTests.Support;
using OrleansScheduler.Testing;

namespace OrleansScheduler.EndToEndTests;

/// <summary>
/// The Orleans Dashboard's live log stream, <c>/dashboard/Trace</c>, on a real silo process per configuration: behind
/// the API key when one is set, off when none is (unless turned on), and the rest of the dashboard open as before.
/// </summary>
public sealed class DashboardTraceTests(ITestOutputHelper output)
{
    private const string ApiKey = "trace-key";
    private const string TracePath = "/dashboard/Trace";

    // The first line the stream sends, before any log line.
    private const string StreamBanner = "log streaming service";

    [Fact]
    public async Task D4_Trace_AnswersOnlyCallersWithTheApiKey_WhenAKeyIsSet()
    {
        await using var cluster = await StartSiloAsync("--api-key", ApiKey);
        using var http = new HttpClient { BaseAddress = cluster.Silos[0].BaseAddress, Timeout = Timeout.InfiniteTimeSpan };

        using var missing = await GetTraceAsync(http, apiKey: null);
        using var wrong = await GetTraceAsync(http, apiKey: "not-the-key");
        using var lowerCase = await GetTraceAsync(http, apiKey: null, path: "/dashboard/trace");
        using var keyed = await GetTraceAsync(http, ApiKey);

        var problem = await Problem.ReadAsync(missing, HttpStatusCode.Unauthorized);
        Assert.Contains("X-Api-Key", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await Problem.ReadAsync(wrong, HttpStatusCode.Unauthorized);
        await Problem.ReadAsync(lowerCase, HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, keyed.StatusCode);
        Assert.Contains(StreamBanner, await ReadStreamStartAsync(keyed), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/dashboard/DashboardCounters")).StatusCode);
    }

    [Fact]
    public async Task D4_Trace_IsOff_WhenNoKeyIsSet()
    {
        await using var cluster = await StartSiloAsync();
        using var http = new HttpClient { BaseAddress = cluster.Silos[0].BaseAddress, Timeout = Timeout.InfiniteTimeSpan };

        using var trace = await GetTraceAsync(http, apiKey: null);

        var problem = await Problem.ReadAsync(trace, HttpStatusCode.Forbidden);
        Assert.Contains("--dashboard-trace true", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/dashboard/DashboardCounters")).StatusCode);
    }

    [Fact]
    public async Task Trace_IsOpenToAnyone_WhenDashboardTraceIsTrue_AndNoKeyIsSet()
    {
        await using var cluster = await StartSiloAsync("--dashboard-trace", "true");
        using var http = new HttpClient { BaseAddress = cluster.Silos[0].BaseAddress, Timeout = Timeout.InfiniteTimeSpan };

        using var trace = await GetTraceAsync(http, apiKey: null);

        Assert.Equal(HttpStatusCode.OK, trace.StatusCode);
        Assert.Contains(StreamBanner, await ReadStreamStartAsync(trace), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Trace_IsOff_WhenDashboardTraceIsFalse_EvenWithTheKey()
    {
        await using var cluster = await StartSiloAsync("--api-key", ApiKey, "--dashboard-trace", "false");
        using var http = new HttpClient { BaseAddress = cluster.Silos[0].BaseAddress, Timeout = Timeout.InfiniteTimeSpan };

        using var trace = await GetTraceAsync(http, ApiKey);

        var problem = await Problem.ReadAsync(trace, HttpStatusCode.Forbidden);
        Assert.Contains("DashboardTrace false", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private async Task<SiloCluster> StartSiloAsync(params string[] arguments)
    {
        var cluster = await SiloCluster.StartAsync("trace", ProcessCluster.WakeUpPeriod, arguments, silos: 1);
        output.WriteLine($"{cluster.Silos[0]} with [{string.Join(' ', arguments)}]");
        return cluster;
    }

    private static async Task<HttpResponseMessage> GetTraceAsync(HttpClient http, string? apiKey, string path = TracePath)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (apiKey is not null)
        {
            request.Headers.Add("X-Api-Key", apiKey);
        }

        // Headers only: the stream itself goes on for an hour.
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
    }

    // Reads the stream until the banner has arrived (it is flushed at once), at most 30 s.
    private static async Task<string> ReadStreamStartAsync(HttpResponseMessage response)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var stream = await response.Content.ReadAsStreamAsync(deadline.Token);
        var text = new StringBuilder();
        var buffer = new byte[4096];
        while (!text.ToString().Contains(StreamBanner, StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(buffer, deadline.Token);
            if (read == 0)
            {
                break;
            }

            text.Append(Encoding.UTF8.GetString(buffer, 0, read));
        }

        return text.ToString();
    }
}
