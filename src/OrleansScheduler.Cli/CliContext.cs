using OrleansScheduler.Cli.Cluster;

namespace OrleansScheduler.Cli;

/// <summary>What the commands use from the outside world: the output streams, the clock, the environment and the cluster.</summary>
internal sealed class CliContext
{
    /// <summary>Standard output: results, JSON documents.</summary>
    public required TextWriter Out { get; init; }

    /// <summary>Standard error: every error, as <c>osched: {message}</c>.</summary>
    public required TextWriter Error { get; init; }

    /// <summary>Opens sessions on the cluster.</summary>
    public required IClusterConnector Connector { get; init; }

    /// <summary>The clock: "now" for <c>--in</c>, <c>next</c> and apply timings.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Reads an environment variable (<c>OSCHED_REDIS</c>).</summary>
    public Func<string, string?> GetEnvironmentVariable { get; init; } = Environment.GetEnvironmentVariable;

    /// <summary>Writes one error line, <c>osched: {message}</c>, to <see cref="Error"/>.</summary>
    public void WriteError(string message) => Error.WriteLine($"osched: {message}");
}
