using Microsoft.AspNetCore.Routing.Patterns;
using Orleans.Dashboard;
using OrleansScheduler.Silo.Api;

namespace OrleansScheduler.Silo.Hosting;

/// <summary>
/// The Orleans Dashboard at <see cref="Path"/>, with guards in front of two kinds of the package's endpoints: its live
/// log stream (<c>Trace</c>) is served only as <see cref="SiloHostOptions.DashboardTrace"/> says, and behind the API
/// key when one is set; its per-silo endpoints refuse what is not a silo address (the package answered 500).
/// </summary>
internal static class SiloDashboard
{
    /// <summary>Where the dashboard is served.</summary>
    public const string Path = "/dashboard";

    // The package's route parameters that carry a silo address: HistoricalStats/{*path}, SiloProperties/{*address},
    // SiloMetadata/, SiloStats/, SiloCounters/. GrainStats/{*grainName} names a grain type and is left alone.
    private static readonly string[] SiloParameters = ["address", "path"];

    /// <summary>Adds the dashboard's services, with its log stream hidden unless it is turned on.</summary>
    public static ISiloBuilder AddSiloDashboard(this ISiloBuilder silo, SiloHostOptions host) =>
        // The package's own switch, kept in step with the filter below, so that a stream meant to be off stays off
        // even should the filter stop applying (a route renamed in a new version; DashboardTraceTests would fail).
        silo.AddDashboard(options => options.HideTrace = !host.EffectiveDashboardTrace);

    /// <summary>Maps the dashboard's endpoints with the guards.</summary>
    public static RouteGroupBuilder MapSiloDashboard(this IEndpointRouteBuilder app, SiloHostOptions host)
    {
        // The dashboard offers HideTrace (off for everyone) and RequireAuthorization (needs an authentication scheme,
        // which the silo has none of), so the key is checked by the API's own filter, on that one endpoint. A header is
        // the only way the key is taken: in a query string it would land in proxy logs, browser history and, through
        // the request logging, in the very log stream it guards.
        IEndpointFilter trace = host.EffectiveDashboardTrace
            ? new ApiKeyFilter(host.ApiKey, "streams the silo's log")
            : new TraceOffFilter(host.DashboardTrace is false
                ? "the dashboard's log stream is turned off (Scheduler:DashboardTrace false)"
                : "the dashboard's log stream is off; set Scheduler:ApiKey (--api-key) to serve it to callers with the key, or Scheduler:DashboardTrace (--dashboard-trace true) to serve it to anyone");
        var dashboard = app.MapOrleansDashboard(Path);
        ((IEndpointConventionBuilder)dashboard).Add(endpoint =>
        {
            if (endpoint is not RouteEndpointBuilder { RoutePattern: var pattern })
            {
                return;
            }

            if (IsTrace(pattern))
            {
                endpoint.FilterFactories.Add((_, next) => invocation => trace.InvokeAsync(invocation, next));
            }
            else if (pattern.Parameters.FirstOrDefault(p => p.IsCatchAll && SiloParameters.Contains(p.Name, StringComparer.Ordinal)) is { } silo)
            {
                var filter = new SiloAddressFilter(silo.Name);
                endpoint.FilterFactories.Add((_, next) => invocation => filter.InvokeAsync(invocation, next));
            }
        });
        return dashboard;
    }

    private static bool IsTrace(RoutePattern pattern) =>
        pattern.PathSegments is [.., { Parts: [RoutePatternLiteralPart { Content: var last }] }]
        && string.Equals(last, "Trace", StringComparison.OrdinalIgnoreCase);

    /// <summary>Answers the log stream's requests while it is off, saying how to turn it on.</summary>
    private sealed class TraceOffFilter(string detail) : IEndpointFilter
    {
        public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
            // 403, as the package's own HideTrace answers: its log page shows this detail in place of the log.
            ValueTask.FromResult<object?>(Results.Problem(
                statusCode: StatusCodes.Status403Forbidden,
                title: "Log stream off",
                detail: detail));
    }
}
