using System.Globalization;

namespace OrleansScheduler.Testing;

/// <summary>How one run of the osched program ended.</summary>
/// <param name="Arguments">The arguments it was given (after the program).</param>
/// <param name="ExitCode">Its exit code.</param>
/// <param name="Stdout">Everything it wrote to stdout.</param>
/// <param name="Stderr">Everything it wrote to stderr.</param>
/// <param name="Elapsed">How long it ran.</param>
public sealed record CliResult(IReadOnlyList<string> Arguments, int ExitCode, string Stdout, string Stderr, TimeSpan Elapsed)
{
    /// <summary>The command line, exit code and both outputs: a message for a failed assertion.</summary>
    public override string ToString() =>
        $"osched {string.Join(' ', Arguments.Select(Quote))} exited with {ExitCode.ToString(CultureInfo.InvariantCulture)} after {Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s" +
        $"{Environment.NewLine}--- stdout ---{Environment.NewLine}{Stdout}{Environment.NewLine}--- stderr ---{Environment.NewLine}{Stderr}";

    private static string Quote(string argument) =>
        argument.Length > 0 && argument.All(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' or ':' or '/' or '@')
            ? argument
            : "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
