using System.Globalization;

namespace OrleansScheduler.Testing;

/// <summary>
/// Processes known only by their pid (recorded in a pid file by another process): whether they run, what they run,
/// and an orderly stop. Everything goes by pid, never by a process name.
/// </summary>
public static class PosixProcess
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(200);

    /// <summary>True when <paramref name="pid"/> is a live process; a zombie (exited, not yet reaped) does not count.</summary>
    public static bool IsRunning(int pid)
    {
        if (pid <= 0)
        {
            return false;
        }

        try
        {
            // The state is the first field after the command name in parentheses (which may itself hold ") ").
            var stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
            var state = stat[(stat.LastIndexOf(')') + 2)..];
            return state.Length > 0 && state[0] != 'Z';
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>
    /// True when the command line of <paramref name="pid"/> contains <paramref name="text"/>: the guard against a pid
    /// that was recorded earlier and has since been reused by another program.
    /// </summary>
    public static bool CommandLineContains(int pid, string text)
    {
        try
        {
            var commandLine = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/cmdline").Replace('\0', ' ');
            return commandLine.Contains(text, StringComparison.Ordinal);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>
    /// Stops <paramref name="pid"/>: SIGTERM, then polls five times a second for up to <paramref name="grace"/>, then
    /// SIGKILL (after calling <paramref name="beforeKill"/>) and waits up to 5 s more for it to go. Returns at once when
    /// it is not running.
    /// </summary>
    /// <returns>False when it had to be killed.</returns>
    public static async Task<bool> StopAsync(int pid, TimeSpan grace, Action? beforeKill = null)
    {
        if (!IsRunning(pid) || !PosixSignals.Send(pid, PosixSignals.Terminate))
        {
            return true;
        }

        if (await WaitForExitAsync(pid, grace).ConfigureAwait(false))
        {
            return true;
        }

        beforeKill?.Invoke();
        PosixSignals.Send(pid, PosixSignals.Kill9);
        await WaitForExitAsync(pid, TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        return false;
    }

    /// <summary>Sends SIGINT to <paramref name="pid"/>, as Ctrl-C in its terminal would; false when it is gone.</summary>
    public static bool Interrupt(int pid) => PosixSignals.Send(pid, PosixSignals.Interrupt);

    /// <summary>Polls until <paramref name="pid"/> is no longer running; false when it still runs after <paramref name="timeout"/>.</summary>
    public static async Task<bool> WaitForExitAsync(int pid, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (IsRunning(pid))
        {
            if (DateTime.UtcNow >= deadline)
            {
                return false;
            }

            await Task.Delay(Poll).ConfigureAwait(false);
        }

        return true;
    }
}
