using System.Globalization;
using System.Text.RegularExpressions;

namespace OrleansScheduler.Silo.Api;

/// <summary>
/// Problem details for the errors ASP.NET Core answers by itself, which went out with an empty body: a query value that
/// does not bind (400, with the parameter named in <c>errors</c> as the API's own 400s name their field), a method the
/// route does not take (405) and a body type it does not accept (415).
/// </summary>
internal static partial class FrameworkProblems
{
    // Query values are echoed in the message; a long one is cut, so the answer stays readable.
    private const int MaxEchoedLength = 64;

    /// <summary>
    /// The answer to a <see cref="BadHttpRequestException"/>: a query or route value that did not bind (thrown by
    /// minimal APIs with <c>RouteHandlerOptions.ThrowOnBadRequest</c>), or Kestrel's own about the body (too large,
    /// cut off).
    /// </summary>
    public static IResult FromBadRequest(BadHttpRequestException exception, HttpContext context)
    {
        // Minimal APIs say which parameter only in the message ("Failed to bind parameter "int? limit" from "abc"."),
        // in a format fixed by their resources; should it change, the message itself still names it.
        if (BindFailure().Match(exception.Message) is { Success: true } failed)
        {
            var name = failed.Groups["name"].Value;
            var given = context.Request.Query[name].Count;
            return ApiProblems.Invalid([given > 1
                ? string.Create(CultureInfo.InvariantCulture, $"{name}: given {given} times; give it once")
                : $"{name}: \"{Shorten(failed.Groups["value"].Value)}\" is not {Expected(failed.Groups["type"].Value)}"]);
        }

        if (RequiredMissing().Match(exception.Message) is { Success: true } missing)
        {
            return ApiProblems.Invalid([$"{missing.Groups["name"].Value}: is required"]);
        }

        return ApiProblems.Invalid([$"body: {exception.Message}"]);
    }

    /// <summary>
    /// Adds a <c>detail</c> to the problem details written for a bare status code (<c>UseStatusCodePages</c>): the
    /// methods a route takes, the body type it wants. Problems that already say something are left as they are.
    /// </summary>
    public static void Describe(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        var request = context.HttpContext.Request;
        problem.Detail ??= problem.Status switch
        {
            StatusCodes.Status405MethodNotAllowed =>
                $"{request.Method} is not allowed on {request.Path}; allowed: {context.HttpContext.Response.Headers.Allow}",
            StatusCodes.Status415UnsupportedMediaType =>
                $"a body of type \"{Shorten(request.ContentType ?? "none")}\" is not accepted on {request.Path}; send application/json",
            _ => null,
        };
    }

    // The parameter types of the API's query strings, in words rather than .NET's names ("Nullable<int>").
    private static string Expected(string type) => (type.StartsWith("Nullable<", StringComparison.Ordinal) ? type[9..^1] : type.TrimEnd('?')) switch
    {
        "int" or "Int32" => "a whole number from -2147483648 to 2147483647",
        "long" or "Int64" => "a whole number from -9223372036854775808 to 9223372036854775807",
        "bool" or "Boolean" => "true or false",
        _ => "a valid value",
    };

    private static string Shorten(string value) => value.Length <= MaxEchoedLength ? value : value[..MaxEchoedLength] + "…";

    [GeneratedRegex("""^Failed to bind parameter "(?<type>.+) (?<name>[^ "]+)" from "(?<value>.*)"\.$""", RegexOptions.Singleline)]
    private static partial Regex BindFailure();

    [GeneratedRegex("""^Required parameter "(?<type>.+) (?<name>[^ "]+)" was not provided""", RegexOptions.Singleline)]
    private static partial Regex RequiredMissing();
}
