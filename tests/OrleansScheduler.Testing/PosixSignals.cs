using System.Runtime.InteropServices;

namespace OrleansScheduler.Testing;

/// <summary>Sends POSIX signals to one process, by pid.</summary>
internal static class PosixSignals
{
    /// <summary>SIGTERM: asks the process to shut down gracefully.</summary>
    public const int Terminate = 15;

    /// <summary>SIGINT: what Ctrl-C in a terminal sends.</summary>
    public const int Interrupt = 2;

    /// <summary>SIGKILL: ends the process at once, as a crash would.</summary>
    public const int Kill9 = 9;

    /// <summary>SIGSTOP: the process stops being scheduled; its sockets stay open, so peers see silence.</summary>
    public const int Stop = 19;

    /// <summary>SIGCONT: a stopped process runs again.</summary>
    public const int Continue = 18;

    /// <summary>Sends <paramref name="signal"/> to <paramref name="pid"/>; false when no such process exists any more.</summary>
    /// <exception cref="InvalidOperationException">The signal could not be sent for another reason (e.g. permission).</exception>
    public static bool Send(int pid, int signal)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS() && !OperatingSystem.IsFreeBSD())
        {
            throw new PlatformNotSupportedException("silo processes are stopped with POSIX signals");
        }

        if (Kill(pid, signal) == 0)
        {
            return true;
        }

        var error = Marshal.GetLastPInvokeError();
        const int NoSuchProcess = 3; // ESRCH
        return error == NoSuchProcess
            ? false
            : throw new InvalidOperationException($"kill({pid}, {signal}) failed with errno {error}");
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
