namespace OrleansScheduler.Silo.Api;

/// <summary>RFC 9457 problem details for the scheduler's errors, with the same texts as osched.</summary>
internal static class ApiProblems
{
    public static IResult Invalid(IReadOnlyList<string> errors) => Results.Problem(
        statusCode: StatusCodes.Status400BadRequest,
        title: "Invalid input",
        detail: string.Join("; ", errors),
        extensions: new Dictionary<string, object?> { ["errors"] = errors });

    public static IResult NotFound(string what) => Results.Problem(
        statusCode: StatusCodes.Status404NotFound,
        title: "Not found",
        detail: what);

    public static IResult Unavailable(string what) => Results.Problem(
        statusCode: StatusCodes.Status503ServiceUnavailable,
        title: "Scheduler store unavailable; retry",
        detail: what);
}
