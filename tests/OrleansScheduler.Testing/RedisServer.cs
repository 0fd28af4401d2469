using System.Diagnostics;
using StackExchange.Redis;

namespace OrleansScheduler.Testing;

/// <summary>
/// A real redis-server on a free loopback port with its own data directory and AOF on, stopped by its pid (or as
/// <see cref="RedisServerOptions"/> say: a fixed port, a kept directory, a session of its own).
/// Needs <c>redis-server</c> on PATH (Debian: <c>apt-get install -y redis-server</c>; scripts/test.sh installs it).
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private readonly RedisServerOptions _options;
    private Process? _process;

    private RedisServer(int port, string directory, RedisServerOptions options)
    {
        Port = port;
        Directory = directory;
        _options = options;
        LogFile = options.LogFile ?? Path.Combine(directory, "redis.log");
    }

    /// <summary>The port it listens on.</summary>
    public int Port { get; }

    /// <summary>Its data directory (deleted on dispose unless <see cref="RedisServerOptions.KeepDirectory"/>).</summary>
    public string Directory { get; }

    /// <summary>Its log file.</summary>
    public string LogFile { get; }

    /// <summary>The StackExchange.Redis configuration string.</summary>
    public string ConnectionString => $"127.0.0.1:{Port}";

    /// <summary>The process id, while it runs.</summary>
    public int? Pid => _process is { HasExited: false } process ? process.Id : null;

    /// <summary>Starts a server and waits until it answers PING.</summary>
    /// <param name="appendFsync">
    /// Redis's <c>appendfsync</c>: <c>everysec</c> (the default, as shipped) or <c>always</c>, so that even a SIGKILL of the
    /// server loses no acknowledged write (for tests that kill it and count on every write).
    /// </param>
    public static Task<RedisServer> StartAsync(string appendFsync = "everysec") =>
        StartAsync(new RedisServerOptions { AppendFsync = appendFsync });

    /// <summary>Starts a server as <paramref name="options"/> say and waits until it answers PING.</summary>
    /// <exception cref="InvalidOperationException">redis-server is not on PATH, or it exited during start (it is then stopped).</exception>
    /// <exception cref="TimeoutException">It did not answer PING within <see cref="RedisServerOptions.StartTimeout"/> (it is then stopped).</exception>
    public static async Task<RedisServer> StartAsync(RedisServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var directory = options.Directory ?? Path.Combine(Path.GetTempPath(), "osched-redis-" + Guid.NewGuid().ToString("N")[..12]);
        System.IO.Directory.CreateDirectory(directory);
        var server = new RedisServer(options.Port ?? FreePort.Next(), directory, options);
        await server.StartProcessAsync().ConfigureAwait(false);
        return server;
    }

    /// <summary>One setting as the server reports it (<c>CONFIG GET</c>), e.g. <c>appendonly</c>; null when unknown.</summary>
    public async Task<string?> ReadConfigAsync(string name)
    {
        await using var connection = await ConnectAsync().ConfigureAwait(false);
        var pairs = await connection.GetServer(connection.GetEndPoints()[0]).ConfigGetAsync(name).ConfigureAwait(false);
        return pairs.Where(pair => pair.Key == name).Select(pair => pair.Value).FirstOrDefault();
    }

    /// <summary>Stops the server (SIGTERM: it writes its AOF and exits) and waits for the process to end.</summary>
    public async Task StopAsync()
    {
        if (_process is { HasExited: false } process)
        {
            using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync().ConfigureAwait(false);
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            try
            {
                await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                process.Kill();
            }
        }

        _process?.Dispose();
        _process = null;
    }

    /// <summary>Kills the server (SIGKILL to its pid), as a crash would, and waits for the process to end.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false } process)
        {
            PosixSignals.Send(process.Id, PosixSignals.Kill9);
            process.WaitForExit();
        }

        _process?.Dispose();
        _process = null;
    }

    /// <summary>Starts the server again on the same port and directory (its AOF is reloaded).</summary>
    public Task RestartAsync() => StartProcessAsync();

    /// <summary>Connects a multiplexer to the server.</summary>
    public Task<ConnectionMultiplexer> ConnectAsync() =>
        ConnectionMultiplexer.ConnectAsync(ConnectionString + ",allowAdmin=true");

    /// <summary>
    /// Every key with its serialized value (DUMP), in key order: two equal snapshots prove that nothing in Redis changed
    /// in between.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, string>> SnapshotAsync()
    {
        await using var connection = await ConnectAsync().ConfigureAwait(false);
        var db = connection.GetDatabase();
        var snapshot = new SortedDictionary<string, string>(StringComparer.Ordinal);
        await foreach (var key in connection.GetServer(connection.GetEndPoints()[0]).KeysAsync(pattern: "*").ConfigureAwait(false))
        {
            var dump = await db.KeyDumpAsync(key).ConfigureAwait(false);
            snapshot[key!] = dump is null ? "" : Convert.ToBase64String(dump);
        }

        return snapshot;
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        if (_options.KeepDirectory)
        {
            return;
        }

        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless.
        }
    }

    private async Task StartProcessAsync()
    {
        var executable = Executables.Find("redis-server")
            ?? throw new InvalidOperationException("redis-server is not on PATH; install it with 'apt-get install -y redis-server' (scripts/test.sh does this)");
        var arguments = new List<string>
        {
            "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--bind", "127.0.0.1",
            "--dir", Directory,
            "--appendonly", "yes",
            "--appendfsync", _options.AppendFsync,
            "--save", "",
            "--daemonize", "no",
            "--protected-mode", "yes",
        };
        ProcessStartInfo start;
        if (_options.OwnSession)
        {
            // Its output goes to the log file: the same lines --logfile would write.
            start = OwnSession.StartInfo(executable, arguments, LogFile, Directory);
        }
        else
        {
            arguments.AddRange(["--logfile", LogFile]);
            start = new ProcessStartInfo(executable)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start");
        var deadline = DateTime.UtcNow + _options.StartTimeout;
        while (true)
        {
            try
            {
                await using var connection = await ConnectionMultiplexer.ConnectAsync(ConnectionString + ",connectTimeout=500").ConfigureAwait(false);
                await connection.GetDatabase().PingAsync().ConfigureAwait(false);
                return;
            }
            catch (RedisConnectionException) when (DateTime.UtcNow < deadline && !_process.HasExited)
            {
                await Task.Delay(100).ConfigureAwait(false);
            }
            catch (RedisServerException ex) when (ex.Message.StartsWith("LOADING", StringComparison.Ordinal) && DateTime.UtcNow < deadline)
            {
                // Replaying its AOF: ready once loaded.
                await Task.Delay(100).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is RedisConnectionException or RedisServerException)
            {
                var exitCode = _process.HasExited ? _process.ExitCode : (int?)null;
                await StopAsync().ConfigureAwait(false);
                throw exitCode is { } code
                    ? new InvalidOperationException($"redis-server exited during start with code {code}; see {LogFile}", ex)
                    : new TimeoutException($"redis-server did not answer PING within {_options.StartTimeout.TotalSeconds:0} s; see {LogFile}", ex);
            }
        }
    }
}
