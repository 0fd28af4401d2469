namespace OrleansScheduler.Testing;

/// <summary>
/// A log file that a process's output lines are appended to as they arrive, readable while it grows.
/// Lines appended after <see cref="Dispose"/> are dropped.
/// </summary>
internal sealed class CapturedLog : IDisposable
{
    private readonly StreamWriter _writer;
    private readonly Lock _lock = new();
    private bool _closed;

    public CapturedLog(string path)
    {
        Path = path;
        _writer = new StreamWriter(path, append: false) { AutoFlush = true };
    }

    /// <summary>The file.</summary>
    public string Path { get; }

    /// <summary>Appends one line; null (the end of a stream) is ignored.</summary>
    public void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lock)
        {
            if (!_closed)
            {
                _writer.WriteLine(line);
            }
        }
    }

    /// <summary>The whole file so far.</summary>
    public string Read() => Read(Path);

    /// <summary>The last <paramref name="lines"/> lines.</summary>
    public string Tail(int lines) => Tail(Path, lines);

    /// <summary>The whole of a log file that another process may still be writing; empty when it does not exist.</summary>
    public static string Read(string path)
    {
        if (!File.Exists(path))
        {
            return "";
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>The last <paramref name="lines"/> lines of a log file.</summary>
    public static string Tail(string path, int lines)
    {
        var all = Read(path).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return string.Join('\n', all.Skip(Math.Max(0, all.Length - lines)));
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        lock (_lock)
        {
            _closed = true;
            _writer.Dispose();
        }
    }
}
