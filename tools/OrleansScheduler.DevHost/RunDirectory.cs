namespace OrleansScheduler.DevHost;

/// <summary>
/// The folder of one local system (<c>.run/</c> by default): Redis's data, the silos' folders, the logs and the pid
/// file, laid out as scripts/up.sh always laid it out.
/// </summary>
internal sealed class RunDirectory
{
    public RunDirectory(string root, string path)
    {
        Root = root;
        Path = path;
    }

    /// <summary>The repository root.</summary>
    public string Root { get; }

    /// <summary>The folder itself.</summary>
    public string Path { get; }

    /// <summary>The default: <c>.run/</c> in the repository (git ignores it).</summary>
    public static string DefaultPath(string root) => System.IO.Path.Combine(root, ".run");

    /// <summary><c>up.pids</c>: what runs, read by down.</summary>
    public string PidFile => System.IO.Path.Combine(Path, "up.pids");

    /// <summary><c>logs/</c>.</summary>
    public string LogDirectory => System.IO.Path.Combine(Path, "logs");

    /// <summary><c>redis/</c>: the AOF, kept between runs.</summary>
    public string RedisDirectory => System.IO.Path.Combine(Path, "redis");

    /// <summary><c>logs/{name}.log</c>.</summary>
    public string Log(string name) => System.IO.Path.Combine(LogDirectory, name + ".log");

    /// <summary>The arguments down needs to find this folder: empty for the default, else <c> --run-dir DIR</c>.</summary>
    public string DownArguments => Path == DefaultPath(Root) ? "" : " --run-dir " + ShellQuote(Path);

    /// <summary>A path as the scripts print it: relative to the repository when inside it.</summary>
    public string Show(string path) => path.StartsWith(Root + "/", StringComparison.Ordinal) ? path[(Root.Length + 1)..] : path;

    // What bash's printf %q makes of a path: characters a shell treats specially get a backslash.
    private static string ShellQuote(string text) =>
        string.Concat(text.Select(c => char.IsAsciiLetterOrDigit(c) || "/._-+:@%,=".Contains(c, StringComparison.Ordinal) ? c.ToString() : "\\" + c));
}
