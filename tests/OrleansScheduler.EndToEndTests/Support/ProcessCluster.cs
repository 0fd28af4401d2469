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

    private SiloCluster? _cluster;

    public RedisServer Redis => Cluster.Redis;

    public string ServiceId => Cluster.ServiceId;

    public string ClusterId => Cluster.ClusterId;

    public IReadOnlyList<SiloProcess> Silos => Cluster.Silos;

    /// <summary>osched against this cluster; tests use <see cref="Osched.WithLog"/> to log its runs to their output.</summary>
    public Osched Osched { get; private set; } = null!;

    private SiloCluster Cluster => _cluster ?? throw new InvalidOperationException("the cluster is not running");

    public async Task InitializeAsync()
    {
        _cluster = await SiloCluster.StartAsync("e2e", WakeUpPeriod, ["--api-key", ApiKey]);
        Osched = new Osched(Redis.ConnectionString, ServiceId, ClusterId);
    }

    /// <summary>Stops the silos and Redis and deletes their directories. Safe to call twice.</summary>
    public async Task DisposeAsync()
    {
        if (Interlocked.Exchange(ref _cluster, null) is { } cluster)
        {
            await cluster.DisposeAsync();
        }
    }

    /// <summary>Writes the last lines of each silo's log: the context a failed test needs.</summary>
    public void WriteLogTails(ITestOutputHelper output, int lines = 25) => output.WriteLine(Cluster.LogTails(lines));
}
