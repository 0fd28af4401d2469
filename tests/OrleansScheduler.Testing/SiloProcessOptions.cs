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

    /// <summary>The Orleans service id (<c>--service-id</c>); null leaves the flag out (the silo's default).</summary>
    public string? ServiceId { get; init; }

    /// <summary>The Orleans cluster id (<c>--cluster-id</c>); null leaves the flag out (the silo's default).</summary>
    public string? ClusterId { get; init; }

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

    /// <summary>The directory it runs in, created when missing; null: a new temp directory.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Keep <see cref="WorkingDirectory"/> on dispose. Default false: it is deleted.</summary>
    public bool KeepDirectory { get; init; }

    /// <summary>The file its output goes to; null: <c>silo.log</c> in its directory.</summary>
    public string? LogPath { get; init; }

    /// <summary>
    /// Remove the variables through which this process's environment would reach the silo's configuration
    /// (<c>Scheduler__*</c>, <c>OSCHED_*</c>, <c>OTEL_*</c>, <c>ASPNETCORE_URLS</c> …), so the command line alone decides.
    /// Default true (tests); false passes the user's environment on, as scripts/up.sh does.
    /// </summary>
    public bool IsolateEnvironment { get; init; } = true;

    /// <summary>Variables set for the silo on top of the inherited environment (e.g. <c>TMPDIR</c>).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// Start it in a session of its own with its output appended straight to <see cref="LogPath"/>: a Ctrl-C in the
    /// terminal does not reach it, and it outlives this process (it is not killed when this process exits). Default
    /// false: a child whose output this process copies to the log, killed when this process exits.
    /// </summary>
    public bool OwnSession { get; init; }

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
        };
        if (ServiceId is not null)
        {
            arguments.AddRange(["--service-id", ServiceId]);
        }

        if (ClusterId is not null)
        {
            arguments.AddRange(["--cluster-id", ClusterId]);
        }

        if (WakeUpPeriod is { } period)
        {
            arguments.Add("--wake-up-period");
            arguments.Add(period.ToString("c", CultureInfo.InvariantCulture));
        }

        arguments.AddRange(ExtraArguments);
        return arguments;
    }
}
