using System.Globalization;
using System.Runtime.InteropServices;
using OrleansScheduler.Testing;

namespace OrleansScheduler.DevHost;

/// <summary>
/// The <c>up</c> verb, what scripts/up.sh runs after building: Redis (AOF on) and two silos from the Release build,
/// the demo jobs, the URL block; then, unless <c>--detach</c>, it watches them until Ctrl-C or SIGTERM (exit 130 or
/// 143) and stops the silos, then Redis. Every message reads as up.sh's did.
/// </summary>
internal sealed class UpCommand(UpOptions options, ScriptLog log) : IDisposable
{
    private const int DefaultHealthTimeoutSeconds = 120;
    private readonly CancellationTokenSource _signalled = new();
    private int _signalExitCode;
    // Set once this run has written the pid file: only then is it this run's to remove (a refused start leaves the
    // earlier run's file alone).
    private bool _ownsPidFile;

    /// <summary>Runs it; returns the exit code.</summary>
    public async Task<int> RunAsync()
    {
        var root = RepositoryPaths.Root;
        var runPath = options.RunDirectory is { } given ? Path.GetFullPath(given) : RunDirectory.DefaultPath(root);
        Directory.CreateDirectory(runPath);
        var run = new RunDirectory(root, runPath);
        var cluster = new DevCluster(run, log);
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => OnSignal(context, "SIGINT", 130));
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => OnSignal(context, "SIGTERM", 143));
        return await RunAsync(run, cluster);
    }

    /// <summary>Only refuses, as up does first, when the run directory's pid file shows a run still up (before up.sh builds).</summary>
    public int Check()
    {
        var root = RepositoryPaths.Root;
        var run = new RunDirectory(root, options.RunDirectory is { } given ? Path.GetFullPath(given) : RunDirectory.DefaultPath(root));
        try
        {
            RefuseWhileAnEarlierRunIsUp(run, deleteStale: false);
            return 0;
        }
        catch (DieException ex)
        {
            log.Error(ex.Reason!);
            return 1;
        }
    }

    private async Task<int> RunAsync(RunDirectory run, DevCluster cluster)
    {
        var keepRunning = false;
        try
        {
            keepRunning = await StartAsync(run, cluster);
            return keepRunning ? 0 : 1;
        }
        catch (DieException ex)
        {
            if (ex.Reason is { } reason)
            {
                log.Error(reason);
            }

            return _signalled.IsCancellationRequested ? _signalExitCode : 1;
        }
        catch (OperationCanceledException) when (_signalled.IsCancellationRequested)
        {
            return _signalExitCode;
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            // What the scripts' commands would have reported (redis-server missing, a folder not writable …).
            log.Error(ex.Message);
            return _signalled.IsCancellationRequested ? _signalExitCode : 1;
        }
        finally
        {
            if (!keepRunning)
            {
                await cluster.StopAsync();
                if (_ownsPidFile)
                {
                    File.Delete(run.PidFile);
                }

                if (_signalled.IsCancellationRequested)
                {
                    log.Write("stopped");
                }
            }
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _signalled.Dispose();

    // Returns true when the system is to stay up (--detach), false when the watch ended (it then is stopped).
    private async Task<bool> StartAsync(RunDirectory run, DevCluster cluster)
    {
        var token = _signalled.Token;
        RefuseWhileAnEarlierRunIsUp(run, deleteStale: true);
        _ = Built(run, "OrleansScheduler.Silo", "OrleansScheduler.Silo.dll");
        var cliDll = Built(run, "OrleansScheduler.Cli", "osched.dll");

        var redisPort = options.RedisPort is { } chosen
            ? (FreePort.IsInUse(chosen) ? throw new DieException($"--redis-port {chosen}: the port is in use") : chosen)
            : PickPort(6379);
        int[] silo1 = [PickPort(11111), PickPort(30000), PickPort(8080)];
        int[] silo2 = [PickPort(11112), PickPort(30001), PickPort(8081)];

        Directory.CreateDirectory(run.LogDirectory);
        Directory.CreateDirectory(run.RedisDirectory);
        PidFile.Create(run.PidFile, TimeProvider.System);
        _ownsPidFile = true;
        if (!options.Detach)
        {
            PidFile.Record(run.PidFile, PidFile.HostName, Environment.ProcessId, "-");
        }

        token.ThrowIfCancellationRequested();
        await cluster.StartRedisAsync(redisPort, options.Fresh);
        token.ThrowIfCancellationRequested();
        cluster.StartSilo("silo1", silo1[0], silo1[1], silo1[2]);
        cluster.StartSilo("silo2", silo2[0], silo2[1], silo2[2]);
        await cluster.WaitUntilHealthyAsync(HealthTimeoutSeconds(), token);

        string[] osched = ["dotnet", run.Show(cliDll), "--redis", cluster.Redis!.ConnectionString];
        if (options.Demo)
        {
            await cluster.ScheduleDemoJobsAsync(osched, token);
        }

        await Console.Out.WriteAsync(Banner.Text(silo1[2], silo2[2], redisPort, run.Show(run.Path), string.Join(' ', osched)));
        if (options.Detach)
        {
            await Console.Out.WriteLineAsync(Banner.DetachedStop(run.DownArguments));
            return true;
        }

        await Console.Out.WriteLineAsync(Banner.ForegroundStop(run.DownArguments));
        await cluster.MonitorAsync(token);
        return false;
    }

    private static void RefuseWhileAnEarlierRunIsUp(RunDirectory run, bool deleteStale)
    {
        if (!File.Exists(run.PidFile))
        {
            return;
        }

        foreach (var (name, pid) in PidFile.Read(run.PidFile))
        {
            if (PidFile.IsAlive(name, pid))
            {
                throw new DieException($"{name} (pid {pid}) from an earlier run is still running (see {run.PidFile}): stop it with scripts/down.sh{run.DownArguments}");
            }
        }

        if (deleteStale)
        {
            File.Delete(run.PidFile);
        }
    }

    private static string Built(RunDirectory run, string project, string file)
    {
        var path = Path.Combine(run.Root, "src", project, "bin", RepositoryPaths.Configuration, "net10.0", file);
        return File.Exists(path) ? path : throw new DieException($"{run.Show(path)} is missing: build it (drop --no-build)");
    }

    private int PickPort(int preferred)
    {
        try
        {
            return FreePort.FromPreferred(preferred);
        }
        catch (InvalidOperationException ex)
        {
            log.Write(ex.Message);
            throw new DieException(null);
        }
    }

    // OSCHED_UP_HEALTH_TIMEOUT: seconds to wait for both silos' /healthz to answer 200 (default 120).
    private static int HealthTimeoutSeconds() =>
        int.TryParse(Environment.GetEnvironmentVariable("OSCHED_UP_HEALTH_TIMEOUT"), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? seconds
            : DefaultHealthTimeoutSeconds;

    private void OnSignal(PosixSignalContext context, string name, int exitCode)
    {
        // The host stops its processes in order itself; a second signal changes nothing (the script ignored it too).
        context.Cancel = true;
        if (Interlocked.CompareExchange(ref _signalExitCode, exitCode, 0) == 0)
        {
            log.Write($"{name} received: shutting down");
            _signalled.Cancel();
        }
    }
}
