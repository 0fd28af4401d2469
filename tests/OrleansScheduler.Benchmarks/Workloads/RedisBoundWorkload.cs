using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using OrleansScheduler.Benchmarks.Reporting;
using OrleansScheduler.Testing;

namespace OrleansScheduler.Benchmarks.Workloads;

/// <summary>
/// <c>redis</c>: the Redis bound of this machine in this run, <c>redis-benchmark -c 50 -t lpush,lpop -q</c> against a
/// redis-server configured as the clusters' (AOF on). Every scheduler figure can then be read as a ratio of it: a
/// fire costs a few Redis commands and scripts, so the scheduler can never beat this.
/// </summary>
/// <param name="requests">Requests per command.</param>
internal sealed partial class RedisBoundWorkload(int requests) : IWorkload
{
    /// <summary>Requests per command by default.</summary>
    public const int DefaultRequests = 200_000;

    /// <summary>Requests per command with <c>--quick</c>.</summary>
    public const int QuickRequests = 20_000;

    private const int Clients = 50;
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    /// <inheritdoc/>
    public string Name => "redis";

    /// <inheritdoc/>
    public async Task<WorkloadResult> RunAsync(WorkloadContext context, CancellationToken cancellationToken)
    {
        var parameters = new Dictionary<string, string>
        {
            ["tool"] = Text($"redis-benchmark -c {Clients} -n {requests} -t lpush,lpop -q"),
        };
        if (Executables.Find("redis-benchmark") is not { } tool)
        {
            return Unmeasured(parameters, "redis-benchmark is not on PATH (Debian package redis-tools)");
        }

        context.Log(Name, Text($"redis-benchmark LPUSH/LPOP, {Clients} clients, {requests:N0} requests each"));
        await using var redis = await RedisServer.StartAsync().ConfigureAwait(false);
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-h", "127.0.0.1", "-p", redis.Port.ToString(CultureInfo.InvariantCulture), "-c", Clients.ToString(CultureInfo.InvariantCulture), "-n", requests.ToString(CultureInfo.InvariantCulture), "-t", "lpush,lpop", "-q" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("redis-benchmark did not start");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            throw;
        }

        var output = await stdout.ConfigureAwait(false);
        var rates = Parse(output);
        if (process.ExitCode != 0 || !rates.ContainsKey("LPUSH") || !rates.ContainsKey("LPOP"))
        {
            return Unmeasured(parameters, Text($"redis-benchmark exited with {process.ExitCode}: {(await stderr.ConfigureAwait(false)).Trim()} {output.Trim()}"));
        }

        context.Log(Name, Text($"LPUSH {rates["LPUSH"]:N0} ops/s, LPOP {rates["LPOP"]:N0} ops/s"));
        return new WorkloadResult
        {
            Workload = Name,
            Parameters = parameters,
            Metrics =
            [
                new() { Key = "lpush", Label = Text($"LPUSH, {Clients} clients"), Value = rates["LPUSH"], Unit = "ops/s" },
                new() { Key = "lpop", Label = Text($"LPOP, {Clients} clients"), Value = rates["LPOP"], Unit = "ops/s" },
            ],
        };
    }

    /// <summary>
    /// The final <c>NAME: N requests per second</c> line of each test in <c>-q</c> output (progress lines before it are
    /// separated by carriage returns and say <c>rps=</c> instead).
    /// </summary>
    public static IReadOnlyDictionary<string, double> Parse(string output) =>
        ResultLine().Matches(output)
            .GroupBy(m => m.Groups["name"].Value, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => double.Parse(g.Last().Groups["rate"].Value, CultureInfo.InvariantCulture), StringComparer.Ordinal);

    private WorkloadResult Unmeasured(Dictionary<string, string> parameters, string why) => new()
    {
        Workload = Name,
        Parameters = parameters,
        Metrics =
        [
            new() { Key = "lpush", Label = Text($"LPUSH, {Clients} clients"), Unit = "ops/s", Note = why },
            new() { Key = "lpop", Label = Text($"LPOP, {Clients} clients"), Unit = "ops/s", Note = why },
        ],
        Notes = ["not measured: " + why],
    };

    [GeneratedRegex(@"(?<name>[A-Z_]+): (?<rate>[0-9]+(\.[0-9]+)?) requests per second")]
    private static partial Regex ResultLine();

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
