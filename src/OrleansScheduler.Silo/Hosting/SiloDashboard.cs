using Orleans.Dashboard;
using OrleansScheduler.Silo.Api;

namespace OrleansScheduler.Silo.Hosting;

/// <summary>
/// The Orleans Dashboard at <see cref="Path"/>, with a guard in front of the package's per-silo endpoints: they refuse
/// what is not a silo address (the package answered 500).
/// </summary>
internal static class SiloDashboard
{
    /// <summary>Where the dashboard is served.</summary>
    public const string Path = "/dashboard";

    // The package's route parameters that carry a silo address: HistoricalStats/{*path}, SiloProperties/{*address},
    // SiloMetadata/, SiloStats/, SiloCounters/. GrainStats/{*grainName} names a grain type and is left alone.
    private static readonly string[] SiloParameters = ["address", "path"];

    /// <summary>Maps the dashboard's endpoints with the guard.</summary>
    public static RouteGroupBuilder MapSiloDashboard(this IEndpointRouteBuilder app)
    {
        var dashboard = app.MapOrleansDashboard(Path);
        ((IEndpointConventionBuilder)dashboard).Add(endpoint =>
        {
            if (endpoint is not RouteEndpointBuilder { RoutePattern: var pattern })
            {
                return;
            }

            if (pattern.Parameters.FirstOrDefault(p => p.IsCatchAll && SiloParameters.Contains(p.Name, StringComparer.Ordinal)) is { } silo)
            {
                var filter = new SiloAddressFilter(silo.Name);
                endpoint.FilterFactories.Add((_, next) => invocation => filter.InvokeAsync(invocation, next));
            }
        });
        return dashboard;
    }
}
