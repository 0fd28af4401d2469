using System.Security.Cryptography;
using System.Text;

namespace OrleansScheduler.Silo.Api;

/// <summary>
/// Requires the <c>X-Api-Key</c> header on mutating endpoints (and the dashboard's log stream) when
/// <c>Scheduler:ApiKey</c> is set. A shared key keeps casual callers out; put the API behind real authentication (a
/// reverse proxy with OIDC, or ASP.NET Core authentication added to the silo) for anything more.
/// </summary>
/// <param name="apiKey">The configured key; null or empty lets every call through.</param>
/// <param name="guarded">What the guarded endpoints do, for the 401's detail: "changes jobs", "streams the silo's log".</param>
internal sealed class ApiKeyFilter(string? apiKey, string guarded = "changes jobs") : IEndpointFilter
{
    /// <summary>The header that carries the key.</summary>
    public const string HeaderName = "X-Api-Key";

    private readonly byte[]? _expected = string.IsNullOrEmpty(apiKey) ? null : Encoding.UTF8.GetBytes(apiKey);

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (_expected is null)
        {
            return next(context);
        }

        var given = context.HttpContext.Request.Headers[HeaderName].ToString();
        // Constant-time comparison: the key must not leak through response timing.
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), _expected)
            ? next(context)
            : ValueTask.FromResult<object?>(Results.Problem(
                statusCode: StatusCodes.Status401Unauthorized,
                title: "API key required",
                detail: $"this endpoint {guarded} and needs the {HeaderName} header with the configured key"));
    }
}
