using System.Diagnostics;

namespace OrleansScheduler.Testing;

/// <summary>
/// Starts a program in a session of its own with its output appended straight to a file, as scripts/up.sh's
/// <c>osched_start_bg</c> did: Ctrl-C in the terminal reaches only the process that started it (which then stops it in
/// order), it survives that process's exit (<c>up --detach</c>), and its log does not depend on anyone reading a pipe.
/// </summary>
internal static class OwnSession
{
    // sh redirects, then execs setsid, which execs the program: sh is a child of this process and not a process-group
    // leader, so setsid(1) calls setsid() itself instead of forking, and the pid Process.Start returns is the program's.
    private const string Script = """
        log=$1; shift
        exec </dev/null >>"$log" 2>&1
        if command -v setsid >/dev/null 2>&1; then exec setsid "$@"; fi
        exec "$@"
        """;

    /// <summary>The start info of <c>/bin/sh -c … {program} {arguments}</c>, output appended to <paramref name="logFile"/>.</summary>
    public static ProcessStartInfo StartInfo(string program, IEnumerable<string> arguments, string logFile, string? workingDirectory)
    {
        var start = new ProcessStartInfo("/bin/sh")
        {
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? "",
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(Script);
        start.ArgumentList.Add("sh");
        start.ArgumentList.Add(logFile);
        start.ArgumentList.Add(program);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }
}
