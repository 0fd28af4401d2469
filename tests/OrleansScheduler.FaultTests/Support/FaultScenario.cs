using OrleansScheduler.Testing;

namespace OrleansScheduler.FaultTests.Support;

/// <summary>
/// One fault scenario's world: its own redis-server and silo processes, an HTTP receiver that counts executions, and a
/// temp directory for job files; all torn down after the test, with the silos' log tails in the test output.
/// </summary>
/// <param name="output">The test's output.</param>
/// <param name="name">The scenario name (silo names, temp directory, service id).</param>
/// <param name="siloArguments">Extra command-line arguments for every silo.</param>
public abstract class FaultScenario(ITestOutputHelper output, string name, params string[] siloArguments) : IAsyncLifetime
{
    /// <summary>The test's output.</summary>
    protected ITestOutputHelper Output => output;

    /// <summary>A temp directory for job files.</summary>
    protected DirectoryInfo WorkDirectory { get; } = Directory.CreateTempSubdirectory($"osched-fault-{name}-");

    /// <summary>Redis and the silo processes.</summary>
    protected FaultCluster Cluster { get; private set; } = null!;

    /// <summary>The HTTP receiver the jobs' <c>http</c> handler calls.</summary>
    protected RunReceiver Receiver { get; private set; } = null!;

    /// <summary>How many silos the scenario starts (indexes 0 … n-1). Default 2; a scenario that needs a majority of survivors overrides it.</summary>
    protected virtual int Silos => 2;

    /// <inheritdoc/>
    public async Task InitializeAsync()
    {
        Receiver = await RunReceiver.StartAsync();
        Cluster = await FaultCluster.StartAsync(name, output.WriteLine, Silos, siloArguments);
    }

    /// <inheritdoc/>
    public async Task DisposeAsync()
    {
        Cluster?.WriteLogTails(output.WriteLine);
        if (Cluster is not null)
        {
            await Cluster.DisposeAsync();
        }

        if (Receiver is not null)
        {
            await Receiver.DisposeAsync();
        }

        WorkDirectory.Delete(recursive: true);
    }

    /// <summary>Fails with every problem found, one per line.</summary>
    protected static void AssertNoProblems(IReadOnlyCollection<string> problems, string? about = null) =>
        Assert.True(problems.Count == 0, $"{problems.Count} problem(s){(about is null ? "" : " " + about)}:{Environment.NewLine}{string.Join(Environment.NewLine, problems)}");
}
