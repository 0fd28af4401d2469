using System.Diagnostics;
using System.Globalization;
using OrleansScheduler.Testing;

namespace OrleansScheduler.DevHost;

/// <summary>
/// Redis and two silos in one run directory, each in a session of its own with its output in <c>logs/</c>, recorded in
/// the pid file as it starts. Stopping goes silos first (a silo that stops gracefully tells the membership table it is
/// leaving), then Redis (SIGTERM: it flushes its AOF).
/// </summary>
internal sealed class DevCluster(RunDirectory run, ScriptLog log)
{
    private const int StopGraceSeconds = 15;
    private readonly List<(string Name, SiloProcess Silo)> _silos = [];
    private int? _redisPid;

    /// <summary>Redis, once started.</summary>
    public RedisServer? Redis { get; private set; }

    /// <summary>The silos, in start order.</summary>
    public IReadOnlyList<(string Name, SiloProcess Silo)> Silos => _silos;

    /// <summary>Starts redis-server with AOF on and waits (30 s at most) until it answers PING and reports appendonly=yes.</summary>
    public async Task StartRedisAsync(int port, bool fresh)
    {
        if (fresh && Directory.Exists(run.RedisDirectory))
        {
            log.Write($"--fresh: deleting {run.Show(run.RedisDirectory)}");
            Directory.Delete(run.RedisDirectory, recursive: true);
        }

        Directory.CreateDirectory(run.RedisDirectory);
        var logFile = run.Log("redis");
        await File.WriteAllTextAsync(logFile, "");
        try
        {
            // AOF on: if Redis lost its data, the silos would loop on "membership table version is missing".
            Redis = await RedisServer.StartAsync(new RedisServerOptions
            {
                Port = port,
                Directory = run.RedisDirectory,
                KeepDirectory = true,
                LogFile = logFile,
                OwnSession = true,
                StartTimeout = TimeSpan.FromSeconds(30),
            });
        }
        catch (InvalidOperationException ex) when (ex.InnerException is not null)
        {
            TailLog(logFile);
            throw new DieException("redis-server exited during start");
        }
        catch (TimeoutException)
        {
            TailLog(logFile);
            throw new DieException("redis-server did not answer PING within 30 s");
        }

        _redisPid = Redis.Pid;
        PidFile.Record(run.PidFile, "redis", _redisPid ?? 0, port.ToString(CultureInfo.InvariantCulture));
        var appendOnly = await Redis.ReadConfigAsync("appendonly");
        if (appendOnly != "yes")
        {
            throw new DieException($"Redis on port {port} reports appendonly={appendOnly}, expected yes");
        }

        log.Write($"redis-server is up on 127.0.0.1:{port} (pid {Redis.Pid}, appendonly={appendOnly})");
    }

    /// <summary>
    /// Starts a silo in <c>RUN_DIR/{name}</c> with its own TMPDIR and the user's environment (so <c>Scheduler__*</c>
    /// settings reach it), with no service or cluster id switches (the silo's defaults).
    /// </summary>
    public void StartSilo(string name, int siloPort, int gatewayPort, int httpPort)
    {
        var directory = Path.Combine(run.Path, name);
        Directory.CreateDirectory(Path.Combine(directory, "tmp"));
        var logFile = run.Log(name);
        File.WriteAllText(logFile, "");
        var silo = SiloProcess.Start(new SiloProcessOptions
        {
            Name = name,
            Redis = Redis!.ConnectionString,
            SiloPort = siloPort,
            GatewayPort = gatewayPort,
            HttpPort = httpPort,
            ExtraArguments = ["--advertised-ip", "127.0.0.1"],
            WorkingDirectory = directory,
            KeepDirectory = true,
            LogPath = logFile,
            IsolateEnvironment = false,
            Environment = new Dictionary<string, string> { ["TMPDIR"] = Path.Combine(directory, "tmp") },
            OwnSession = true,
        });
        _silos.Add((name, silo));
        PidFile.Record(run.PidFile, name, silo.Pid, httpPort.ToString(CultureInfo.InvariantCulture));
        log.Write($"started {name} (pid {silo.Pid}): silo port {siloPort}, gateway {gatewayPort}, http {httpPort}; log {run.Show(logFile)}");
    }

    /// <summary>Polls every silo's <c>/healthz</c> until all answer 200; a silo that exits, or the deadline, ends the start.</summary>
    public async Task WaitUntilHealthyAsync(int timeoutSeconds, CancellationToken cancellationToken)
    {
        log.Write($"waiting up to {timeoutSeconds}s for both silos to answer /healthz with 200");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var started = Stopwatch.StartNew();
        var ready = new bool[_silos.Count];
        while (true)
        {
            for (var i = 0; i < _silos.Count; i++)
            {
                var (name, silo) = _silos[i];
                if (ready[i])
                {
                    continue;
                }

                if (silo.HasExited)
                {
                    TailLog(silo.LogPath);
                    throw new DieException($"{name} exited during start");
                }

                if (await IsHealthyAsync(http, silo, cancellationToken))
                {
                    ready[i] = true;
                    log.Write($"{name} is ready after {(int)started.Elapsed.TotalSeconds}s");
                }
            }

            if (ready.All(r => r))
            {
                return;
            }

            if (started.Elapsed >= TimeSpan.FromSeconds(timeoutSeconds))
            {
                for (var i = 0; i < _silos.Count; i++)
                {
                    if (!ready[i])
                    {
                        TailLog(_silos[i].Silo.LogPath);
                    }
                }

                throw new DieException($"the silos did not all answer http://127.0.0.1:<http-port>/healthz with 200 within {timeoutSeconds}s");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
        }
    }

    /// <summary>Runs scripts/demo-jobs.sh (3 attempts per job) with its output appended to <c>logs/demo-jobs.log</c>; a failure is only a warning.</summary>
    public async Task ScheduleDemoJobsAsync(IReadOnlyList<string> osched, CancellationToken cancellationToken)
    {
        log.Write("scheduling the demo jobs");
        var logFile = run.Log("demo-jobs");
        var start = new ProcessStartInfo("bash") { UseShellExecute = false, WorkingDirectory = run.Root };
        foreach (var argument in new[] { "-c", "exec bash scripts/demo-jobs.sh \"$@\" >>\"$0\" 2>&1", logFile }.Concat(osched))
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["OSCHED_DEMO_ATTEMPTS"] = "3";
        using var demo = Process.Start(start) ?? throw new DieException("bash did not start");
        try
        {
            await demo.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            demo.Kill(entireProcessTree: true);
            throw;
        }

        if (demo.ExitCode != 0)
        {
            TailLog(logFile);
            log.Write("warning: not every demo job could be scheduled (the system stays up)");
        }
    }

    /// <summary>
    /// Watches the processes once a second until one of them ends the run: a silo that exits is reported; when none is
    /// left, or Redis is gone, the run ends (exit 1, after the rest is stopped).
    /// </summary>
    public async Task MonitorAsync(CancellationToken cancellationToken)
    {
        var reported = new bool[_silos.Count];
        while (true)
        {
            var alive = 0;
            for (var i = 0; i < _silos.Count; i++)
            {
                var (name, silo) = _silos[i];
                if (!silo.HasExited)
                {
                    alive++;
                }
                else if (!reported[i])
                {
                    reported[i] = true;
                    log.Write($"{name} (pid {silo.Pid}) exited with status {silo.ExitCode}; see {run.Show(silo.LogPath)}");
                }
            }

            if (alive == 0)
            {
                log.Write("no silo is running any more: stopping Redis");
                throw new DieException(null);
            }

            if (_redisPid is { } redisPid && !PosixProcess.IsRunning(redisPid))
            {
                TailLog(Redis!.LogFile);
                log.Write($"redis-server (pid {_redisPid}) exited: stopping the silos");
                throw new DieException(null);
            }

            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        }
    }

    /// <summary>Stops the silos (SIGTERM, SIGKILL after 15 s), then Redis, by pid.</summary>
    public async Task StopAsync()
    {
        await OrderlyStop.StopAsync(log, StopGraceSeconds, _silos.Select(s => (s.Name, s.Silo.Pid)));
        if (_redisPid is { } pid)
        {
            await OrderlyStop.StopAsync(log, StopGraceSeconds, [("redis", pid)]);
        }
    }

    // 200 from /healthz within 5 s; anything else (no answer yet, 503 while it joins) is "not yet".
    private static async Task<bool> IsHealthyAsync(HttpClient http, SiloProcess silo, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.GetAsync(new Uri(silo.BaseAddress, "healthz"), cancellationToken);
            return response.StatusCode == System.Net.HttpStatusCode.OK;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    // As the scripts' tail_log: the file's name, then its last 40 lines on stderr.
    private void TailLog(string file)
    {
        log.Write($"last lines of {run.Show(file)}:");
        try
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            var lines = reader.ReadToEnd().TrimEnd('\n').Split('\n');
            foreach (var line in lines.TakeLast(40))
            {
                Console.Error.WriteLine(line);
            }
        }
        catch (IOException)
        {
            // No log to show.
        }
    }
}
