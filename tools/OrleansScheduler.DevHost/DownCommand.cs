using OrleansScheduler.Testing;

namespace OrleansScheduler.DevHost;

/// <summary>
/// The <c>down</c> verb, what scripts/down.sh runs: stops what up started, by the pids in the pid file. A foreground
/// up is asked to stop its own processes (SIGTERM, 45 s); whatever is left then goes, silos first (15 s each), then
/// Redis. A recorded pid that now runs another program is left alone.
/// </summary>
internal sealed class DownCommand(string? runDirectory, ScriptLog log)
{
    /// <summary>Runs it; returns the exit code (0, also when there was nothing to stop).</summary>
    public async Task<int> RunAsync()
    {
        var root = RepositoryPaths.Root;
        var run = new RunDirectory(root, runDirectory ?? RunDirectory.DefaultPath(root));
        if (!File.Exists(run.PidFile))
        {
            log.Write($"nothing to stop: no pid file at {run.PidFile}");
            return 0;
        }

        int? host = null;
        var silos = new List<(string, int)>();
        var redis = new List<(string, int)>();
        foreach (var (name, pid) in PidFile.Read(run.PidFile))
        {
            if (!PosixProcess.IsRunning(pid))
            {
                continue;
            }

            if (!PidFile.IsAlive(name, pid))
            {
                log.Write($"pid {pid} (recorded as {name}) now runs another program: leaving it alone");
                continue;
            }

            switch (name)
            {
                case PidFile.HostName: host = pid; break;
                case "redis": redis.Add((name, pid)); break;
                default: silos.Add((name, pid)); break;
            }
        }

        // A foreground up stops its silos and Redis itself, in order, on SIGTERM.
        if (host is { } hostPid)
        {
            log.Write($"asking scripts/up.sh (pid {hostPid}) to shut down");
            await OrderlyStop.StopAsync(log, 45, [(PidFile.HostName, hostPid)]);
        }

        // Whatever is left (a detached system, or an up that could not finish): silos first, then Redis.
        await OrderlyStop.StopAsync(log, 15, silos);
        await OrderlyStop.StopAsync(log, 15, redis);
        File.Delete(run.PidFile);
        log.Write("stopped");
        return 0;
    }

    /// <summary>Reads <c>[--run-dir DIR]</c>.</summary>
    /// <exception cref="UsageException">Anything else, in down.sh's words.</exception>
    public static string? ParseRunDirectory(IReadOnlyList<string> arguments)
    {
        string? runDirectory = null;
        for (var i = 0; i < arguments.Count; i++)
        {
            if (arguments[i] != "--run-dir")
            {
                throw new UsageException($"unknown option: {arguments[i]} (see --help)");
            }

            runDirectory = i + 1 < arguments.Count && arguments[i + 1].Length > 0 ? arguments[++i] : throw new UsageException("--run-dir needs a directory");
        }

        return runDirectory;
    }
}
