using System.Diagnostics;

namespace OrleansScheduler.Testing;

/// <summary>Runs the shipped osched program (<see cref="RepositoryPaths.CliDll"/>) as a real process.</summary>
public static class CliProcess
{
    /// <summary>The default deadline of one run.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Runs <c>dotnet osched.dll {arguments}</c> with stdin closed and waits for it to exit. The environment's
    /// <c>OSCHED_*</c> variables are removed, so only the arguments say where the cluster is.
    /// </summary>
    /// <exception cref="TimeoutException">It ran longer than <paramref name="timeout"/> (default <see cref="DefaultTimeout"/>); it was killed, by pid.</exception>
    public static async Task<CliResult> RunAsync(IReadOnlyList<string> arguments, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var start = new ProcessStartInfo(DotnetHost.Path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(RepositoryPaths.CliDll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        DotnetHost.IsolateEnvironment(start.Environment);
        var elapsed = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{RepositoryPaths.CliDll} did not start");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout ?? DefaultTimeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            var killed = new CliResult(arguments, process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false), elapsed.Elapsed);
            cancellationToken.ThrowIfCancellationRequested();
            throw new TimeoutException($"killed after {(timeout ?? DefaultTimeout).TotalSeconds:0} s: {killed}");
        }

        return new CliResult(arguments, process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false), elapsed.Elapsed);
    }
}
