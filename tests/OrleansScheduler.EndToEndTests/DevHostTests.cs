using System.Diagnostics;
using System.Globalization;
using System.Net;
using OrleansScheduler.Testing;

namespace OrleansScheduler.EndToEndTests;

/// <summary>
/// The README's two commands as a user runs them: scripts/up.sh (over tools/OrleansScheduler.DevHost) and
/// scripts/down.sh, on the Release build (--no-build), in a run directory and on a Redis port of the test's own. The
/// silo ports are up.sh's defaults, or the next free ones. Whatever a test leaves running is stopped by the pids in
/// the pid file, also when it fails.
/// </summary>
public sealed class DevHostTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan UpTimeout = TimeSpan.FromMinutes(3);
    private readonly string _run = Path.Combine(Path.GetTempPath(), "osched-devhost-" + Guid.NewGuid().ToString("N")[..12]);
    private readonly List<int> _started = [];

    private string PidFile => Path.Combine(_run, "up.pids");

    [Fact]
    public async Task UpDetached_PrintsTheUrlsAndServesBothSilos_RefusesASecondUp_AndDownStopsEveryProcess()
    {
        var redisPort = FreePort.Next();

        var up = await RunScriptAsync("up.sh", "--detach", "--no-build", "--no-demo", "--run-dir", _run, "--redis-port", Port(redisPort));

        Assert.True(up.ExitCode == 0, up.ToString());
        var recorded = ReadPidFile();
        Assert.Equal(["redis", "silo1", "silo2"], recorded.Select(e => e.Name));
        var (http1, http2) = (recorded[1].Port, recorded[2].Port);
        Assert.Contains("\nOrleansScheduler is up.\n", up.Stdout, StringComparison.Ordinal);
        Assert.Contains($"  jobs view   http://localhost:{http1}/                (silo2: http://localhost:{http2}/)\n", up.Stdout, StringComparison.Ordinal);
        Assert.Contains($"  health      http://localhost:{http1}/healthz         http://localhost:{http2}/healthz\n", up.Stdout, StringComparison.Ordinal);
        Assert.Contains($"  redis       127.0.0.1:{redisPort}   (AOF on, data in {_run}/redis)\n", up.Stdout, StringComparison.Ordinal);
        Assert.EndsWith($"  stop        scripts/down.sh --run-dir {_run}\n", up.Stdout, StringComparison.Ordinal);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        foreach (var port in new[] { http1, http2 })
        {
            using var health = await http.GetAsync(new Uri($"http://127.0.0.1:{port}/healthz"));
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        }

        var second = await RunScriptAsync("up.sh", "--detach", "--no-build", "--no-demo", "--run-dir", _run, "--redis-port", Port(FreePort.Next()));

        Assert.Equal(1, second.ExitCode);
        Assert.Contains($"up.sh: error: redis (pid {recorded[0].Pid}) from an earlier run is still running", second.Stderr, StringComparison.Ordinal);
        Assert.Equal(recorded, ReadPidFile());

        var down = await RunScriptAsync("down.sh", "--run-dir", _run);

        Assert.True(down.ExitCode == 0, down.ToString());
        Assert.False(File.Exists(PidFile), "down.sh leaves the pid file behind");
        Assert.All(recorded, e => Assert.False(PosixProcess.IsRunning(e.Pid), $"{e.Name} (pid {e.Pid}) still runs after down.sh"));
        Assert.EndsWith("down.sh: stopped\n", down.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpInTheForeground_StopsEverythingAndExits130_OnSigint()
    {
        // env --default-signal=INT: a test host started from a non-interactive shell's background job inherits SIGINT
        // ignored, and an ignored signal stays ignored across exec; a terminal's up.sh has it at its default.
        var start = ScriptStart("env", "--default-signal=INT", "bash", "scripts/up.sh", "--no-build", "--no-demo", "--run-dir", _run, "--redis-port", Port(FreePort.Next()));
        using var up = Process.Start(start)!;
        _started.Add(up.Id);
        var stdout = new System.Text.StringBuilder();
        var stderr = new System.Text.StringBuilder();
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        up.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            lock (stdout)
            {
                stdout.Append(e.Data).Append('\n');
            }

            if (e.Data.StartsWith("  stop        Ctrl-C here", StringComparison.Ordinal) == true)
            {
                ready.TrySetResult();
            }
        };
        up.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            lock (stderr)
            {
                stderr.Append(e.Data).Append('\n');
            }
        };
        up.BeginOutputReadLine();
        up.BeginErrorReadLine();
        await Task.WhenAny(ready.Task, up.WaitForExitAsync(), Task.Delay(UpTimeout));
        Assert.True(ready.Task.IsCompleted, $"up.sh did not come up:\n{stdout}\n{stderr}");
        var recorded = ReadPidFile();
        // up.sh execs the host (and env execs up.sh): the process the terminal would signal is the one recorded.
        Assert.Equal(("up.sh", up.Id), (recorded[0].Name, recorded[0].Pid));

        Assert.True(PosixProcess.Interrupt(up.Id));
        using (var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
        {
            await up.WaitForExitAsync(deadline.Token);
        }

        output.WriteLine(stderr.ToString());
        Assert.Equal(130, up.ExitCode);
        Assert.All(recorded, e => Assert.False(PosixProcess.IsRunning(e.Pid), $"{e.Name} (pid {e.Pid}) still runs after SIGINT"));
        Assert.False(File.Exists(PidFile), "up.sh leaves the pid file behind");
        var log = stderr.ToString();
        Assert.Contains("up.sh: SIGINT received: shutting down\n", log, StringComparison.Ordinal);
        Assert.True(log.IndexOf("stopping silo2", StringComparison.Ordinal) < log.IndexOf("stopping redis", StringComparison.Ordinal), "the silos stop before Redis");
        Assert.EndsWith("up.sh: stopped\n", log, StringComparison.Ordinal);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    // Stops by pid whatever a test left running (the pid file's processes while they still run what was recorded,
    // and the scripts it started), then deletes the run directory.
    public async Task DisposeAsync()
    {
        var left = _started.Where(pid => PosixProcess.CommandLineContains(pid, "up.sh") || PosixProcess.CommandLineContains(pid, "OrleansScheduler.DevHost.dll")).ToList();
        if (File.Exists(PidFile))
        {
            left.AddRange(ReadPidFile()
                .Where(e => PosixProcess.CommandLineContains(e.Pid, e.Name == "redis" ? "redis-server" : "OrleansScheduler."))
                .Select(e => e.Pid));
        }

        await Task.WhenAll(left.Where(PosixProcess.IsRunning).Select(pid => PosixProcess.StopAsync(pid, TimeSpan.FromSeconds(15))));
        try
        {
            Directory.Delete(_run, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // Never created.
        }
    }

    private sealed record ScriptRun(string CommandLine, int ExitCode, string Stdout, string Stderr, TimeSpan Elapsed)
    {
        public override string ToString() =>
            $"{CommandLine} exited with {ExitCode} after {Elapsed.TotalSeconds:0.0} s\n--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}";
    }

    private static string Port(int port) => port.ToString(CultureInfo.InvariantCulture);

    private List<(string Name, int Pid, int Port)> ReadPidFile() =>
        File.ReadAllLines(PidFile)
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split(' '))
            .Select(f => (f[0], int.Parse(f[1], CultureInfo.InvariantCulture), f[2] == "-" ? 0 : int.Parse(f[2], CultureInfo.InvariantCulture)))
            .ToList();

    private static ProcessStartInfo ScriptStart(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryPaths.Root,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }

    private async Task<ScriptRun> RunScriptAsync(string script, params string[] arguments)
    {
        Assert.True(RepositoryPaths.Configuration == "Release", "scripts/up.sh --no-build runs the Release build: run these tests with -c Release");
        var elapsed = Stopwatch.StartNew();
        using var process = Process.Start(ScriptStart("bash", [Path.Combine("scripts", script), .. arguments]))!;
        _started.Add(process.Id);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using (var deadline = new CancellationTokenSource(UpTimeout))
        {
            await process.WaitForExitAsync(deadline.Token);
        }

        var result = new ScriptRun($"scripts/{script} {string.Join(' ', arguments)}", process.ExitCode, await stdout, await stderr, elapsed.Elapsed);
        output.WriteLine(result.ToString());
        return result;
    }
}
