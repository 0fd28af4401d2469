using System.Globalization;

namespace OrleansScheduler.DevHost;

/// <summary>
/// The command line of <c>up</c>, the options of scripts/up.sh (which handles <c>-h</c> and builds unless
/// <c>--no-build</c>, then passes every option on).
/// </summary>
internal sealed record UpOptions
{
    /// <summary>Return once everything is up and leave it running.</summary>
    public bool Detach { get; init; }

    /// <summary>The Redis port, which must be free; null: 6379 when free, else the next free port above it.</summary>
    public int? RedisPort { get; init; }

    /// <summary>Schedule the demo jobs (unless <c>--no-demo</c>).</summary>
    public bool Demo { get; init; } = true;

    /// <summary>Delete Redis's data of earlier runs first.</summary>
    public bool Fresh { get; init; }

    /// <summary>The run directory as given; null: <c>.run/</c> in the repository.</summary>
    public string? RunDirectory { get; init; }

    /// <summary>Reads the options; <c>--no-build</c> is accepted and ignored (the script acted on it).</summary>
    /// <exception cref="UsageException">An unknown option or a missing value, in up.sh's words.</exception>
    public static UpOptions Parse(IReadOnlyList<string> arguments)
    {
        var options = new UpOptions();
        for (var i = 0; i < arguments.Count; i++)
        {
            var next = i + 1 < arguments.Count ? arguments[i + 1] : "";
            switch (arguments[i])
            {
                case "--detach": options = options with { Detach = true }; break;
                case "--no-build": break;
                case "--no-demo": options = options with { Demo = false }; break;
                case "--fresh": options = options with { Fresh = true }; break;
                case "--redis-port":
                    options = options with
                    {
                        RedisPort = int.TryParse(next, NumberStyles.None, CultureInfo.InvariantCulture, out var port)
                            ? port
                            : throw new UsageException("--redis-port needs a port number"),
                    };
                    i++;
                    break;
                case "--run-dir":
                    options = options with { RunDirectory = next.Length > 0 ? next : throw new UsageException("--run-dir needs a directory") };
                    i++;
                    break;
                default: throw new UsageException($"unknown option: {arguments[i]}");
            }
        }

        return options;
    }
}
