namespace OrleansScheduler.Cli;

/// <summary>A command failed in a way the user must be told about: one message per problem, and the exit code.</summary>
internal sealed class CliException : Exception
{
    private CliException(int exitCode, IReadOnlyList<string> messages, Exception? innerException)
        : base(string.Join(Environment.NewLine, messages), innerException)
    {
        ExitCode = exitCode;
        Messages = messages;
    }

    /// <summary>The exit code the command ends with.</summary>
    public int ExitCode { get; }

    /// <summary>Each problem, e.g. <c>cron: "* * * *" has 4 fields; …</c>, printed as <c>osched: {message}</c>.</summary>
    public IReadOnlyList<string> Messages { get; }

    /// <summary>Input that broke one or more rules (exit code 2).</summary>
    public static CliException InvalidInput(IReadOnlyList<string> messages) =>
        new(ExitCodes.InvalidInput, messages, null);

    /// <summary>Input that broke one rule (exit code 2).</summary>
    public static CliException InvalidInput(string message, Exception? innerException = null) =>
        new(ExitCodes.InvalidInput, [message], innerException);

    /// <summary>Any other failure (exit code 1).</summary>
    public static CliException Failure(string message, Exception? innerException = null) =>
        new(ExitCodes.Failure, [message], innerException);
}
