using System.Runtime.InteropServices;

namespace OrleansScheduler.FaultTests.Support;

/// <summary>Freezes and thaws one process, by pid (SIGSTOP / SIGCONT).</summary>
internal static class ProcessSignals
{
    private const int Continue = 18; // SIGCONT on Linux
    private const int StopSignal = 19; // SIGSTOP on Linux

    /// <summary>SIGSTOP: the process stops being scheduled; its sockets stay open, so peers see silence, not a refusal.</summary>
    public static void Freeze(int pid) => Send(pid, StopSignal);

    /// <summary>SIGCONT: the process runs again and answers what queued up meanwhile.</summary>
    public static void Thaw(int pid) => Send(pid, Continue);

    private static void Send(int pid, int signal)
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("the fault tests freeze processes with Linux signal numbers");
        }

        if (Kill(pid, signal) != 0)
        {
            throw new InvalidOperationException($"kill({pid}, {signal}) failed with errno {Marshal.GetLastPInvokeError()}");
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
