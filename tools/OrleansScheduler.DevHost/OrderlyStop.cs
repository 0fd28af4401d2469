using OrleansScheduler.Testing;

namespace OrleansScheduler.DevHost;

/// <summary>Stops a group of processes by pid as the scripts always did: SIGTERM to all at once, SIGKILL to those left after the grace.</summary>
internal static class OrderlyStop
{
    /// <summary>Stops every running process of <paramref name="processes"/>; those already gone are skipped.</summary>
    public static Task StopAsync(ScriptLog log, int graceSeconds, IEnumerable<(string Label, int Pid)> processes)
    {
        var stopping = new List<Task>();
        foreach (var (label, pid) in processes)
        {
            if (!PosixProcess.IsRunning(pid))
            {
                continue;
            }

            log.Write($"stopping {label} (pid {pid})");
            stopping.Add(PosixProcess.StopAsync(pid, TimeSpan.FromSeconds(graceSeconds),
                () => log.Write($"{label} (pid {pid}) still running after {graceSeconds}s: sending SIGKILL")));
        }

        return Task.WhenAll(stopping);
    }
}
