using OrleansScheduler.Silo.Api;

namespace OrleansScheduler.Silo.Web;

/// <summary>
/// The jobs view at <c>/</c>: its page and files, and the endpoints only it needs beyond the HTTP API (upcoming
/// occurrences and the server-sent event streams). Served by every silo, next to the dashboard.
/// </summary>
internal static class JobsViewEndpoints
{
    /// <summary>The path the view's scripts and styles are served under.</summary>
    public const string AssetsPath = "/ui";

    /// <summary>Maps <c>/</c>, <c>/ui/{file}</c>, <c>/api/jobs/{id}/next</c>, <c>/api/timeline</c> and the event streams.</summary>
    public static IEndpointRouteBuilder MapJobsView(this IEndpointRouteBuilder app)
    {
        app.MapOccurrencesApi();
        app.MapEventsApi();
        var assets = JobsViewAssets.Load();
        app.MapGet("/", (HttpContext context) => assets.Serve(context, "index.html")).ExcludeFromDescription();
        app.MapGet(AssetsPath + "/{file}", (HttpContext context, string file) => assets.Serve(context, file)).ExcludeFromDescription();
        return app;
    }
}
