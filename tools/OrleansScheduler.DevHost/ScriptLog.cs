namespace OrleansScheduler.DevHost;

/// <summary>
/// Messages on stderr prefixed with the name of the script the user ran (<c>up.sh: …</c>), as the bash scripts printed
/// them, so the output reads the same whether bash or this host wrote a line.
/// </summary>
internal sealed class ScriptLog(string scriptName, TextWriter writer)
{
    /// <summary>The script's name, e.g. <c>up.sh</c>.</summary>
    public string ScriptName { get; } = scriptName;

    /// <summary>Writes <c>{script}: {message}</c>.</summary>
    public void Write(string message) => writer.WriteLine($"{ScriptName}: {message}");

    /// <summary>Writes <c>{script}: error: {message}</c>.</summary>
    public void Error(string message) => Write("error: " + message);
}
