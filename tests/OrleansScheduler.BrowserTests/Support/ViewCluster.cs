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

    private readonly List<SiloProcess> _silos = [];

    public RedisServer Redis { get; private set; } = null!;

    public IReadOnlyList<SiloProcess> Silos => _silos;

    /// <summary>The jobs view of the first silo.</summary>
    public Uri ViewAddress => _silos[0].BaseAddress;

    /// <summary>The first silo's API, sending the API key.</summary>
    public HttpClient Api { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Redis = await RedisServer.StartAsync();
        var serviceId = "web-" + Guid.NewGuid().ToString("N")[..8];
        var starting = Enumerable.Range(1, 2)
            .Select(i => SiloProcess.StartAsync(new SiloProcessOptions
            {
                Name = $"silo-{i}",
                Redis = Redis.ConnectionString,
                ServiceId = serviceId,
                ClusterId = serviceId + "-cluster",
                WakeUpPeriod = TimeSpan.FromSeconds(5),
                ExtraArguments = ["--api-key", ApiKey],
            }))
            .ToList();
        try
        {
            await Task.WhenAll(starting);
        }
        catch
        {
            // A failed fixture must leave no process behind.
            _silos.AddRange(starting.Where(t => t.IsCompletedSuccessfully).Select(t => t.Result));
            await DisposeAsync();
            throw;
        }

        _silos.AddRange(starting.Select(t => t.Result));
        Api = new HttpClient { BaseAddress = ViewAddress, Timeout = TimeSpan.FromSeconds(30) };
        Api.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
    }

    public async Task DisposeAsync()
    {
        Api?.Dispose();
        var silos = _silos.ToList();
        _silos.Clear();
        await Task.WhenAll(silos.Select(s => s.DisposeAsync().AsTask()));
        if (Redis is { } redis)
        {
            Redis = null!;
            await redis.DisposeAsync();
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
    public void WriteLogTails(ITestOutputHelper output, int lines = 25)
    {
        foreach (var silo in _silos)
        {
            output.WriteLine($"--- {silo}: last {lines} lines of its log ---");
            output.WriteLine(silo.ReadLogTail(lines));
        }
    }
}
