using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using OrleansScheduler.Testing;

namespace OrleansScheduler.Benchmarks.Reporting;

/// <summary>Where and on what the benchmark ran: needed to compare any two results.</summary>
internal sealed record RunEnvironment
{
    /// <summary>When the run started, UTC.</summary>
    public required DateTimeOffset Date { get; init; }

    /// <summary>Logical processors.</summary>
    public required int Cores { get; init; }

    /// <summary>The CPU model (<c>/proc/cpuinfo</c>).</summary>
    public required string Cpu { get; init; }

    /// <summary>The distribution and kernel.</summary>
    public required string Os { get; init; }

    /// <summary>Physical memory, GiB.</summary>
    public double? MemoryGiB { get; init; }

    /// <summary>The 1-minute load average when the run started: above the core count, other work competed for the CPU.</summary>
    public double? LoadAverageAtStart { get; init; }

    /// <summary>The commit (short hash), with <c>+changes</c> when the work tree differs from it; null without git.</summary>
    public string? Commit { get; init; }

    /// <summary>The .NET runtime.</summary>
    public required string Dotnet { get; init; }

    /// <summary>The configuration the silo was built in.</summary>
    public required string SiloBuild { get; init; }

    /// <summary>Describes this machine now.</summary>
    public static RunEnvironment Capture() => new()
    {
        Date = DateTimeOffset.UtcNow,
        Cores = Environment.ProcessorCount,
        Cpu = ProcField("/proc/cpuinfo", "model name", ':') ?? RuntimeInformation.ProcessArchitecture.ToString(),
        Os = OsName(),
        MemoryGiB = ProcField("/proc/meminfo", "MemTotal", ':') is { } total && long.TryParse(total.Split(' ')[0], CultureInfo.InvariantCulture, out var kb)
            ? Math.Round(kb / 1024.0 / 1024.0, 1)
            : null,
        LoadAverageAtStart = ReadLoadAverage(),
        Commit = ReadCommit(),
        Dotnet = RuntimeInformation.FrameworkDescription,
        SiloBuild = RepositoryPaths.Configuration,
    };

    /// <summary>The 1-minute load average now; null where <c>/proc/loadavg</c> does not exist.</summary>
    public static double? ReadLoadAverage()
    {
        try
        {
            return double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }

    private static string OsName()
    {
        var pretty = ProcField("/etc/os-release", "PRETTY_NAME", '=')?.Trim('"');
        return pretty is null ? RuntimeInformation.OSDescription : $"{pretty}, kernel {Environment.OSVersion.Version}";
    }

    private static string? ProcField(string path, string name, char separator)
    {
        try
        {
            return File.ReadLines(path)
                .Where(line => line.StartsWith(name, StringComparison.Ordinal))
                .Select(line => line[(line.IndexOf(separator, StringComparison.Ordinal) + 1)..].Trim())
                .FirstOrDefault();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string? ReadCommit()
    {
        var commit = Git("rev-parse", "--short=12", "HEAD");
        if (commit is null)
        {
            return null;
        }

        var changes = Git("status", "--porcelain", "--untracked-files=no");
        return string.IsNullOrEmpty(changes) ? commit : commit + "+changes";
    }

    private static string? Git(params string[] arguments)
    {
        if (Executables.Find("git") is not { } git)
        {
            return null;
        }

        var start = new ProcessStartInfo(git) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-C");
        start.ArgumentList.Add(RepositoryPaths.Root);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start);
        if (process is null)
        {
            return null;
        }

        var output = process.StandardOutput.ReadToEnd().Trim();
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? output : null;
    }
}
