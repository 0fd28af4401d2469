using OrleansScheduler.Testing;

namespace OrleansScheduler.EndToEndTests.Support;

/// <summary>
/// A real redis-server and two real silo processes forming one cluster under service and cluster ids of their own,
/// and <see cref="Osched"/> pointed at it. One per test class.
/// </summary>
public sealed class ProcessCluster : IAsyncLifetime
{
    /// <summary>The silos' reminder period: short, so a job grain is woken again soon after any hiccup.</summary>
    public static readonly TimeSpan WakeUpPeriod = TimeSpan.FromSeconds(5);

    /// <summary>The key the silos' HTTP API requires on mutating endpoints (<c>--api-key</c>).</summary>
    public const string ApiKey = "e2e-api-key";

    private readonly List<SiloProcess> _silos = [];

    public RedisServer Redis { get; private set; } = null!;

    public string ServiceId { get; } = "e2e-" + Guid.NewGuid().ToString("N")[..8];

    public string ClusterId { get; } = "e2e-cluster-" + Guid.NewGuid().ToString("N")[..8];

    public IReadOnlyList<SiloProcess> Silos => _silos;

    /// <summary>osched against this cluster; tests use <see cref="Osched.WithLog"/> to log its runs to their output.</summary>
    public Osched Osched { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Redis = await RedisServer.StartAsync();
        Osched = new Osched(Redis.ConnectionString, ServiceId, ClusterId);
        var starting = Enumerable.Range(1, 2)
            .Select(i => SiloProcess.StartAsync(new SiloProcessOptions
            {
                Name = $"silo-{i}",
                Redis = Redis.ConnectionString,
                ServiceId = ServiceId,
                ClusterId = ClusterId,
                WakeUpPeriod = WakeUpPeriod,
                ExtraArguments = ["--api-key", ApiKey],
            }))
            .ToList();
        try
        {
            await Task.WhenAll(starting);
        }
        catch
        {
            // Stop whichever did start, and Redis: a failed fixture must leave no process behind.
            _silos.AddRange(starting.Where(t => t.IsCompletedSuccessfully).Select(t => t.Result));
            await DisposeAsync();
            throw;
        }

        _silos.AddRange(starting.Select(t => t.Result));
    }

    /// <summary>Stops the silos and Redis and deletes their directories. Safe to call twice.</summary>
    public async Task DisposeAsync()
    {
        var silos = _silos.ToList();
        _silos.Clear();
        await Task.WhenAll(silos.Select(s => s.DisposeAsync().AsTask()));
        if (Redis is { } redis)
        {
            Redis = null!;
            await redis.DisposeAsync();
        }
    }

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
