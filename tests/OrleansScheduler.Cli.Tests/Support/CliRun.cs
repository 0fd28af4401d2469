namespace OrleansScheduler.Cli.Tests.Support;

/// <summary>The outcome of one in-process <c>osched</c> run.</summary>
internal sealed record CliRun(int ExitCode, string Out, string Error)
{
    /// <summary>The stdout lines, without the trailing empty line.</summary>
    public string[] OutLines => Out.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');

    /// <summary>The stderr lines, without the trailing empty line.</summary>
    public string[] ErrorLines => Error.Length == 0 ? [] : Error.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}--- stderr\n{Error}";
}
