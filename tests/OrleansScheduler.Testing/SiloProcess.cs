using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace OrleansScheduler.Testing;

/// <summary>
/// The shipped silo program (<see cref="RepositoryPaths.SiloDll"/>) running as a real process, with its stdout and
/// stderr captured to a log file in its own temp directory. Every signal goes to its pid, never to a process name.
/// Disposing stops it (if still running) and deletes the directory. Silos not disposed by the time the test process
/// exits are killed then, so an aborted run leaves none behind (unless the test process itself is killed).
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    /// <summary>How long <see cref="StartAsync"/> waits for <c>/healthz</c> to answer 200.</summary>
    public static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(90);

    /// <summary>How long <see cref="StopAsync"/> waits after SIGTERM before it kills the process.</summary>
    public static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(15);

    // Every silo started and not yet disposed, to kill when the test process exits.
    private static readonly ConcurrentDictionary<SiloProcess, bool> Running = KillOnProcessExit();

    private readonly Process _process;
    // Null when the silo runs in its own session and writes its log file itself.
    private readonly CapturedLog? _log;

    private SiloProcess(SiloProcessOptions options, string directory, string logPath, Process process, CapturedLog? log)
    {
        Options = options;
        Directory = directory;
        LogPath = logPath;
        _process = process;
        _log = log;
        Pid = process.Id;
    }

    /// <summary>The command line it was started with.</summary>
    public SiloProcessOptions Options { get; }

    /// <summary>Its process id.</summary>
    public int Pid { get; }

    /// <summary>
    /// The directory it runs in: by default a temp directory that holds <see cref="LogPath"/> (deleted on dispose unless
    /// <see cref="SiloProcessOptions.KeepDirectory"/>).
    /// </summary>
    public string Directory { get; }

    /// <summary>The file its stdout and stderr go to.</summary>
    public string LogPath { get; }

    /// <summary>Whether the process has ended.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>Its exit code, once it has ended.</summary>
    public int ExitCode => _process.ExitCode;

    /// <summary>Starts a silo and returns at once, without waiting for it to become healthy (see <see cref="WaitUntilHealthyAsync"/>).</summary>
    public static SiloProcess Start(SiloProcessOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Launch(options);
    }

    /// <summary>Where its HTTP endpoints answer, e.g. <c>http://127.0.0.1:8080/</c>.</summary>
    public Uri BaseAddress => new($"http://127.0.0.1:{Options.HttpPort.ToString(CultureInfo.InvariantCulture)}/");

    /// <summary>Starts a silo and waits until its <c>/healthz</c> answers 200 (at most <see cref="ReadyTimeout"/>).</summary>
    /// <exception cref="TimeoutException">It did not become healthy in time; the message ends with the log's tail.</exception>
    /// <exception cref="InvalidOperationException">It exited before it became healthy; the message ends with the log's tail.</exception>
    public static async Task<SiloProcess> StartAsync(SiloProcessOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var silo = Launch(options);
        try
        {
            await silo.WaitUntilHealthyAsync(ReadyTimeout, cancellationToken).ConfigureAwait(false);
            return silo;
        }
        catch
        {
            await silo.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Polls <c>/healthz</c> until it answers 200.</summary>
    /// <exception cref="TimeoutException">The deadline passed; the message ends with the log's tail.</exception>
    /// <exception cref="InvalidOperationException">The process exited; the message ends with the log's tail.</exception>
    public async Task WaitUntilHealthyAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var healthz = new Uri(BaseAddress, "healthz");
        var started = Stopwatch.StartNew();
        var lastAnswer = "no answer yet";
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException(
                    $"{Describe()} exited with code {_process.ExitCode} before {healthz} answered 200 (last answer: {lastAnswer}){LogTailSection()}");
            }

            try
            {
                using var response = await http.GetAsync(healthz, cancellationToken).ConfigureAwait(false);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }

                lastAnswer = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)}";
            }
            catch (HttpRequestException ex)
            {
                lastAnswer = ex.Message;
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                lastAnswer = "no answer within 5 s";
            }

            if (started.Elapsed > timeout)
            {
                throw new TimeoutException(
                    $"{Describe()} did not answer 200 on {healthz} within {timeout.TotalSeconds:0} s (last answer: {lastAnswer}){LogTailSection()}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Stops the silo gracefully: SIGTERM to its pid, then waits up to <see cref="StopTimeout"/> for it to exit, and
    /// kills it (SIGKILL) if it has not. Does nothing when it has already exited.
    /// </summary>
    public async Task StopAsync()
    {
        if (!_process.HasExited && PosixSignals.Send(Pid, PosixSignals.Terminate))
        {
            using var deadline = new CancellationTokenSource(StopTimeout);
            try
            {
                await _process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                _log?.Append($"[test] {Describe()} did not exit within {StopTimeout.TotalSeconds:0} s of SIGTERM; killing it");
                _process.Kill();
            }
        }

        WaitForExitAndOutput();
    }

    /// <summary>Kills the silo at once (SIGKILL to its pid), as a crash would, and waits until it has gone.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }

        WaitForExitAndOutput();
    }

    /// <summary>The whole log so far.</summary>
    public string ReadLog() => CapturedLog.Read(LogPath);

    /// <summary>The last <paramref name="lines"/> lines of the log.</summary>
    public string ReadLogTail(int lines = 40) => CapturedLog.Tail(LogPath, lines);

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync().ConfigureAwait(false);
        }
        finally
        {
            Running.TryRemove(this, out _);
            _process.Dispose();
            _log?.Dispose();
            if (!Options.KeepDirectory)
            {
                DeleteDirectory(Directory);
            }
        }
    }

    /// <inheritdoc/>
    public override string ToString() => Describe();

    private static SiloProcess Launch(SiloProcessOptions options)
    {
        var siloDll = RepositoryPaths.SiloDll;
        var directory = options.WorkingDirectory ?? Path.Combine(Path.GetTempPath(), $"osched-{options.Name}-{Guid.NewGuid().ToString("N")[..12]}");
        System.IO.Directory.CreateDirectory(directory);
        var logPath = options.LogPath ?? Path.Combine(directory, "silo.log");
        string[] arguments = [siloDll, .. options.ToArguments()];
        // In its own session the silo appends to its log itself (it outlives this process); otherwise this process
        // copies its output there line by line.
        var log = options.OwnSession ? null : new CapturedLog(logPath);
        ProcessStartInfo start;
        if (options.OwnSession)
        {
            start = OwnSession.StartInfo(DotnetHost.Path, arguments, logPath, directory);
        }
        else
        {
            start = new ProcessStartInfo(DotnetHost.Path)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
                UseShellExecute = false,
                WorkingDirectory = directory,
            };
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }
        }

        if (options.IsolateEnvironment)
        {
            DotnetHost.IsolateEnvironment(start.Environment);
        }

        foreach (var (name, value) in options.Environment)
        {
            start.Environment[name] = value;
        }

        log?.Append($"[test] {DotnetHost.Path} {string.Join(' ', arguments)}");
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"{siloDll} did not start");
        }
        catch
        {
            log?.Dispose();
            if (!options.KeepDirectory)
            {
                DeleteDirectory(directory);
            }

            throw;
        }

        var silo = new SiloProcess(options, directory, logPath, process, log);
        if (log is null)
        {
            return silo;
        }

        Running.TryAdd(silo, true);
        process.OutputDataReceived += (_, e) => log.Append(e.Data);
        process.ErrorDataReceived += (_, e) => log.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.StandardInput.Close();
        return silo;
    }

    private static void DeleteDirectory(string directory)
    {
        try
        {
            System.IO.Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless.
        }
    }

    private static ConcurrentDictionary<SiloProcess, bool> KillOnProcessExit()
    {
        var running = new ConcurrentDictionary<SiloProcess, bool>();
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            foreach (var silo in running.Keys)
            {
                try
                {
                    silo._process.Kill();
                }
                catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception)
                {
                    // Already gone.
                }
            }
        };
        return running;
    }

    private void WaitForExitAndOutput()
    {
        // Without a timeout, WaitForExit also waits until the redirected output has been read to its end.
        _process.WaitForExit();
    }

    private string Describe() =>
        $"silo {Options.Name} (pid {Pid.ToString(CultureInfo.InvariantCulture)}, http {Options.HttpPort.ToString(CultureInfo.InvariantCulture)}, silo port {Options.SiloPort.ToString(CultureInfo.InvariantCulture)})";

    private string LogTailSection() => $"{Environment.NewLine}--- last lines of {LogPath} ---{Environment.NewLine}{ReadLogTail()}";
}
