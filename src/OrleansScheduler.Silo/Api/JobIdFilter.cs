namespace OrleansScheduler.Silo.Api;

/// <summary>
/// Answers 404 for a blank job id (<c>/api/jobs/%20</c>) on the routes that look a job up: Orleans refuses a blank
/// grain key with an <see cref="ArgumentException"/>, which answered 500 (found by the fuzz test). No job can have such
/// an id, since the validator refuses it, so "does not exist" is the truth. A PUT is let through: its validator names
/// the id in a 400, before any grain is called.
/// </summary>
internal sealed class JobIdFilter : IEndpointFilter
{
    /// <summary>The one instance: it holds no state.</summary>
    public static readonly JobIdFilter Instance = new();

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        return http.Request.RouteValues.TryGetValue("id", out var value) && value is string id && string.IsNullOrWhiteSpace(id) && !HttpMethods.IsPut(http.Request.Method)
            ? ValueTask.FromResult<object?>(ApiProblems.NotFound($"job \"{id}\" does not exist"))
            : next(context);
    }
}
