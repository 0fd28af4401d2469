using System.Globalization;

namespace OrleansScheduler.Testing;

/// <summary>
/// The command line of one <see cref="SiloProcess"/>: its cluster and its ports. Ports default to free ones, picked
/// when the options are created, so a copy made with <c>with</c> restarts a silo on the same ports.
/// </summary>
public sealed record SiloProcessOptions
{
    /// <summary>A short name for messages and the log directory, e.g. <c>silo-1</c>.</summary>
    public string Name { get; init; } = "silo";

    /// <summary>The StackExchange.Redis configuration string (<c>--redis</c>).</summary>
    public required string Redis { get; init; }

    /// <summary>The Orleans service id (<c>--service-id</c>).</summary>
    public required string ServiceId { get; init; }

    /// <summary>The Orleans cluster id (<c>--cluster-id</c>).</summary>
    public required string ClusterId { get; init; }

    /// <summary>The silo-to-silo port (<c>--silo-port</c>).</summary>
    public int SiloPort { get; init; } = FreePort.Next();

    /// <summary>The client gateway port (<c>--gateway-port</c>).</summary>
    public int GatewayPort { get; init; } = FreePort.Next();

    /// <summary>The port of <c>/healthz</c> and the dashboard (<c>--http-port</c>).</summary>
    public int HttpPort { get; init; } = FreePort.Next();

    /// <summary>The jobs' reminder period (<c>--wake-up-period</c>); null leaves the silo's default.</summary>
    public TimeSpan? WakeUpPeriod { get; init; }

    /// <summary>More switches, appended as given.</summary>
    public IReadOnlyList<string> ExtraArguments { get; init; } = [];

    /// <summary>
    /// The prefix of this silo's name in run history and processing-list keys (<c>SiloAddress.ToParsableString()</c>,
    /// <c>127.0.0.1:{SiloPort}@{generation}</c>).
    /// </summary>
    public string SiloAddressPrefix => "127.0.0.1:" + SiloPort.ToString(CultureInfo.InvariantCulture) + "@";

    /// <summary>The switches the silo program is started with.</summary>
    public IReadOnlyList<string> ToArguments()
    {
        var arguments = new List<string>
        {
            "--redis", Redis,
            "--silo-port", SiloPort.ToString(CultureInfo.InvariantCulture),
            "--gateway-port", GatewayPort.ToString(CultureInfo.InvariantCulture),
            "--http-port", HttpPort.ToString(CultureInfo.InvariantCulture),
            "--service-id", ServiceId,
            "--cluster-id", ClusterId,
        };
        if (WakeUpPeriod is { } period)
        {
            arguments.Add("--wake-up-period");
            arguments.Add(period.ToString("c", CultureInfo.InvariantCulture));
        }

        arguments.AddRange(ExtraArguments);
        return arguments;
    }
}
