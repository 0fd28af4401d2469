using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace OrleansScheduler.Benchmarks.Measurement;

/// <summary>
/// A process's CPU time and memory at one moment, read from <c>/proc/{pid}/stat</c> (utime + stime) and
/// <c>/proc/{pid}/status</c> (VmRSS, VmHWM). Two samples give the CPU used in between.
/// </summary>
internal readonly record struct ProcessSample(int Pid, TimeSpan CpuTime, long RssBytes, long PeakRssBytes, long Timestamp)
{
    private static readonly long ClockTicksPerSecond = ReadClockTicks();

    /// <summary>Samples a process; null when it is gone or <c>/proc</c> is not there (not Linux).</summary>
    public static ProcessSample? Read(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // The command name (field 2) may hold spaces and parentheses; the fields after its closing one do not.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            // utime and stime are fields 14 and 15 of the whole line, 12th and 13th after the name.
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            var status = File.ReadAllLines($"/proc/{pid}/status");
            return new ProcessSample(
                pid,
                TimeSpan.FromSeconds((double)ticks / ClockTicksPerSecond),
                StatusKilobytes(status, "VmRSS:") * 1024,
                StatusKilobytes(status, "VmHWM:") * 1024,
                Stopwatch.GetTimestamp());
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    /// <summary>CPU used between <paramref name="earlier"/> and this sample, in % of one core.</summary>
    public double CpuPercentSince(ProcessSample earlier)
    {
        var wall = Stopwatch.GetElapsedTime(earlier.Timestamp, Timestamp);
        return wall <= TimeSpan.Zero ? 0 : (CpuTime - earlier.CpuTime) / wall * 100;
    }

    private static long StatusKilobytes(string[] status, string field)
    {
        var line = status.FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
    }

    private static long ReadClockTicks()
    {
        const int ClockTicksName = 2; // _SC_CLK_TCK
        try
        {
            var ticks = Sysconf(ClockTicksName);
            return ticks > 0 ? ticks : 100;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            // USER_HZ is 100 on every Linux architecture .NET runs on.
            return 100;
        }
    }

    [DllImport("libc", EntryPoint = "sysconf")]
    private static extern long Sysconf(int name);
}
