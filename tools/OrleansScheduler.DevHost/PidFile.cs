using System.Globalization;
using OrleansScheduler.Testing;

namespace OrleansScheduler.DevHost;

/// <summary>
/// <c>up.pids</c>: a <c>#</c> header, then one <c>name pid port</c> line per process (<c>up.sh</c> for a foreground
/// host, <c>redis</c>, <c>silo1</c>, <c>silo2</c>). A recorded pid is trusted only while its command line still shows
/// the program recorded, since the pid may have been reused by another program.
/// </summary>
internal static class PidFile
{
    /// <summary>The name a foreground host records itself under (scripts/up.sh execs the host, so it is that process).</summary>
    public const string HostName = "up.sh";

    /// <summary>Starts the file with its header.</summary>
    public static void Create(string path, TimeProvider time) =>
        File.WriteAllText(path, $"# scripts/up.sh, started {time.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)}: name pid port; read by scripts/down.sh\n");

    /// <summary>Appends <c>name pid port</c>.</summary>
    public static void Record(string path, string name, int pid, string port) =>
        File.AppendAllText(path, $"{name} {pid.ToString(CultureInfo.InvariantCulture)} {port}\n");

    /// <summary>The entries, in file order; comments, blank and malformed lines skipped.</summary>
    public static IReadOnlyList<(string Name, int Pid)> Read(string path) =>
        File.ReadAllLines(path)
            .Select(line => line.Split(' ', '\t', StringSplitOptions.RemoveEmptyEntries))
            .Where(fields => fields.Length >= 2 && !fields[0].StartsWith('#'))
            .Select(fields => (Name: fields[0], Pid: int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : 0))
            .ToList();

    /// <summary>True when <paramref name="pid"/> runs and still runs what was recorded as <paramref name="name"/>.</summary>
    public static bool IsAlive(string name, int pid) =>
        PosixProcess.IsRunning(pid) && ExpectedCommandLine(name).Any(text => PosixProcess.CommandLineContains(pid, text));

    // What the command line of a process recorded as NAME contains. "up.sh" is the host (which up.sh execs), or a bash
    // up.sh from before the host existed.
    private static string[] ExpectedCommandLine(string name) => name switch
    {
        HostName => ["OrleansScheduler.DevHost.dll", "up.sh"],
        "redis" => ["redis-server"],
        _ when name.StartsWith("silo", StringComparison.Ordinal) => ["OrleansScheduler.Silo.dll"],
        _ => [name],
    };
}
