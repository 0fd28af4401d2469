namespace OrleansScheduler.DevHost;

/// <summary>
/// Ends up with exit code 1 after everything it started is stopped. The message, when there is one, is printed as
/// <c>up.sh: error: {message}</c> (the scripts' <c>osched_die</c>); null when the reason was already printed.
/// </summary>
internal sealed class DieException(string? message) : Exception(message)
{
    /// <summary>What to print after <c>error:</c>, or null.</summary>
    public string? Reason { get; } = message;
}
