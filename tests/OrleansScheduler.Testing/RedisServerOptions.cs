namespace OrleansScheduler.Testing;

/// <summary>
/// How <see cref="RedisServer.StartAsync(RedisServerOptions)"/> runs redis-server. Every default is what
/// <see cref="RedisServer.StartAsync(string)"/> does: a free port, a temp directory deleted on dispose, the log in it.
/// </summary>
public sealed record RedisServerOptions
{
    /// <summary>The port (<c>--port</c>); null: a free one (<see cref="FreePort.Next"/>).</summary>
    public int? Port { get; init; }

    /// <summary>The data directory (<c>--dir</c>), created when missing; null: a new temp directory.</summary>
    public string? Directory { get; init; }

    /// <summary>Keep <see cref="Directory"/> (its AOF) on dispose. Default false: it is deleted.</summary>
    public bool KeepDirectory { get; init; }

    /// <summary>
    /// The log file; null: <c>redis.log</c> in <see cref="Directory"/>. With <see cref="OwnSession"/> the server's output
    /// is appended to it; without, it is redis-server's <c>--logfile</c>.
    /// </summary>
    public string? LogFile { get; init; }

    /// <summary>
    /// Start it in a session of its own with its output appended to <see cref="LogFile"/>, so a Ctrl-C in the terminal
    /// does not reach it and it outlives this process. Default false: a child process with redirected output.
    /// </summary>
    public bool OwnSession { get; init; }

    /// <summary>Redis's <c>appendfsync</c>: <c>everysec</c> (the default, as shipped) or <c>always</c>.</summary>
    public string AppendFsync { get; init; } = "everysec";

    /// <summary>How long to wait for it to answer PING. Default 20 s.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(20);
}
