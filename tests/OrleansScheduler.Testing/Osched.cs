namespace OrleansScheduler.Testing;

/// <summary>
/// Runs osched (<see cref="CliProcess"/>) against one cluster: every command line starts with
/// <c>--redis … --service-id … --cluster-id …</c>.
/// </summary>
/// <param name="redis">The cluster's Redis configuration string.</param>
/// <param name="serviceId">The cluster's Orleans service id.</param>
/// <param name="clusterId">The cluster's Orleans cluster id.</param>
/// <param name="log">Receives one line per finished run (command, exit code, duration), e.g. a test's output; may be null.</param>
public sealed class Osched(string redis, string serviceId, string clusterId, Action<string>? log = null)
{
    /// <summary>The deadline of each run. Default <see cref="CliProcess.DefaultTimeout"/>.</summary>
    public TimeSpan Timeout { get; init; } = CliProcess.DefaultTimeout;

    /// <summary>The same cluster, logging each run to <paramref name="newLog"/>.</summary>
    public Osched WithLog(Action<string>? newLog) => new(redis, serviceId, clusterId, newLog) { Timeout = Timeout };

    /// <summary>Runs <c>osched --redis … --service-id … --cluster-id … {arguments}</c>.</summary>
    /// <exception cref="TimeoutException">It ran longer than <see cref="Timeout"/>.</exception>
    public async Task<CliResult> RunAsync(params string[] arguments)
    {
        var result = await CliProcess.RunAsync(["--redis", redis, "--service-id", serviceId, "--cluster-id", clusterId, .. arguments], Timeout).ConfigureAwait(false);
        log?.Invoke($"osched {string.Join(' ', arguments)} -> {result.ExitCode} ({result.Elapsed.TotalSeconds:0.0} s)");
        return result;
    }
}
