using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using OrleansScheduler.Testing;

namespace OrleansScheduler.BrowserTests.Support;

/// <summary>
/// A real redis-server and two real silo processes, with an API key, and an HTTP client of the first silo's API to
/// set up jobs and check what the page did. One per test class.
/// </summary>
public sealed class ViewCluster : IAsyncLifetime
{
    /// <summary>The key the silos require on mutating endpoints; the page asks the user for it.</summary>
    public const string ApiKey = "browser-test-key";

    private SiloCluster? _cluster;

    public RedisServer Redis => Cluster.Redis;

    public IReadOnlyList<SiloProcess> Silos => Cluster.Silos;

    /// <summary>The jobs view of the first silo.</summary>
    public Uri ViewAddress => Silos[0].BaseAddress;

    /// <summary>The first silo's API, sending the API key.</summary>
    public HttpClient Api { get; private set; } = null!;

    private SiloCluster Cluster => _cluster ?? throw new InvalidOperationException("the cluster is not running");

    public async Task InitializeAsync()
    {
        _cluster = await SiloCluster.StartAsync("web", TimeSpan.FromSeconds(5), ["--api-key", ApiKey]);
        Api = new HttpClient { BaseAddress = ViewAddress, Timeout = TimeSpan.FromSeconds(30) };
        Api.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
    }

    public async Task DisposeAsync()
    {
        Api?.Dispose();
        if (Interlocked.Exchange(ref _cluster, null) is { } cluster)
        {
            await cluster.DisposeAsync();
        }
    }

    /// <summary>Creates or replaces a job through the API; <paramref name="definition"/> is an apply-file entry.</summary>
    public async Task PutJobAsync(string id, string definition)
    {
        using var response = await Api.PutAsync($"api/jobs/{Uri.EscapeDataString(id)}", new StringContent(definition, Encoding.UTF8, "application/json"));
        Assert.True(response.IsSuccessStatusCode, $"PUT job {id}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>The job as the API shows it, or null when it does not exist.</summary>
    public async Task<JsonElement?> GetJobAsync(string id)
    {
        using var response = await Api.GetAsync($"api/jobs/{Uri.EscapeDataString(id)}");
        return response.StatusCode == HttpStatusCode.NotFound ? null : await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Triggers a job through the API and returns the run id.</summary>
    public async Task<string> TriggerAsync(string id)
    {
        using var response = await Api.PostAsync($"api/jobs/{Uri.EscapeDataString(id)}/trigger", null);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("runId").GetString()!;
    }

    /// <summary>The run ids of the job's latest runs, newest first.</summary>
    public async Task<IReadOnlyList<string>> HistoryRunIdsAsync(string id) =>
        [.. (await Api.GetFromJsonAsync<JsonElement>($"api/jobs/{Uri.EscapeDataString(id)}/history?limit=100")).EnumerateArray().Select(r => r.GetProperty("runId").GetString()!)];

    /// <summary>The run ids of the dead letters, newest first.</summary>
    public async Task<IReadOnlyList<string>> DeadLetterRunIdsAsync() =>
        [.. (await Api.GetFromJsonAsync<JsonElement>("api/dead-letters")).EnumerateArray().Select(d => d.GetProperty("runId").GetString()!)];

    /// <summary>Writes the last lines of each silo's log: the context a failed test needs.</summary>
    public void WriteLogTails(ITestOutputHelper output, int lines = 25) => output.WriteLine(Cluster.LogTails(lines));
}
