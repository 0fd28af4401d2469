namespace OrleansScheduler.Testing.Fuzzing;

/// <summary>The checks of a fuzz run: each counts the cases that broke it and must count 0.</summary>
public static class FuzzCheck
{
    /// <summary>The reader or validator threw something other than a <c>JsonException</c> (which it words as an error).</summary>
    public const string UnexpectedException = "definition: unexpected exception";

    /// <summary>A definition was refused without an error saying why.</summary>
    public const string RejectedWithoutError = "definition: refused without an error";

    /// <summary>An error of the reader or validator names no field, or a field the input does not have.</summary>
    public const string ErrorNamesNoField = "definition: error names no field";

    /// <summary>An error of the reader or validator shows a .NET type or namespace.</summary>
    public const string DefinitionDotNetName = "definition: .NET name in an error";

    /// <summary>A request answered 5xx.</summary>
    public const string ServerError = "http: 5xx answer";

    /// <summary>A request got no answer (the connection closed, or none within the deadline).</summary>
    public const string NoAnswer = "http: no answer";

    /// <summary>A 4xx answer is not <c>application/problem+json</c> with <c>title</c> and the same <c>status</c>.</summary>
    public const string NotProblemDetails = "http: 4xx without problem details";

    /// <summary>A 400's <c>errors</c> name no field, or a problem text shows a .NET name.</summary>
    public const string HttpErrorText = "http: error text names no field or shows a .NET name";

    /// <summary>A rejected request added or changed a Redis key (or a hash field, set member, list element).</summary>
    public const string KeyWrittenByRejected = "http: key written by a rejected request";

    /// <summary>An accepted PUT does not read back (GET) as what was sent.</summary>
    public const string NotReadBack = "http: accepted job not read back as sent";

    /// <summary><c>/healthz</c> did not answer 200 between cases.</summary>
    public const string Unhealthy = "http: silo unhealthy";

    /// <summary><c>osched apply</c> exited with something other than 0 or 2, or did not finish.</summary>
    public const string ApplyExitCode = "apply: exit code not 0 or 2";

    /// <summary>A rejection printed by <c>osched apply</c> does not name its entry (<c>jobs[i]</c>) or shows a .NET name.</summary>
    public const string ApplyEntryNotNamed = "apply: rejection not naming its entry";

    /// <summary>A file refused by local validation changed the keyspace.</summary>
    public const string ApplyKeyWritten = "apply: key written when the file was refused";

    /// <summary>Every check, in report order.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        UnexpectedException, RejectedWithoutError, ErrorNamesNoField, DefinitionDotNetName,
        ServerError, NoAnswer, NotProblemDetails, HttpErrorText, KeyWrittenByRejected, NotReadBack, Unhealthy,
        ApplyExitCode, ApplyEntryNotNamed, ApplyKeyWritten,
    ];
}
