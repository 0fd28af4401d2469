using Microsoft.AspNetCore.Http.Metadata;

namespace OrleansScheduler.Silo.Hosting;

/// <summary>
/// Lets HEAD reach GET endpoints. Minimal APIs map GET alone, so HEAD answered 405, where RFC 9110 expects every GET
/// resource to take it: the endpoint runs as for GET and Kestrel drops the body.
/// </summary>
internal static class HeadRequests
{
    private static readonly string[] GetAndHead = [HttpMethods.Get, HttpMethods.Head];

    /// <summary>Metadata restricting an endpoint mapped for every method (health checks, metrics) to GET and HEAD.</summary>
    public static HttpMethodMetadata GetOrHead { get; } = new(GetAndHead);

    /// <summary>
    /// Adds HEAD to every endpoint of <paramref name="builder"/> that takes GET alone, except event streams: a HEAD
    /// there would hold a connection open that sends nothing.
    /// </summary>
    public static TBuilder AllowHeadOnGet<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        // Finally: the method metadata of MapGet is added after ordinary conventions run.
        builder.Finally(endpoint =>
        {
            var methods = endpoint.Metadata.OfType<IHttpMethodMetadata>().LastOrDefault();
            if (methods is { HttpMethods: [var only] } && HttpMethods.IsGet(only) && !IsEventStream(endpoint))
            {
                endpoint.Metadata.Add(new HttpMethodMetadata(GetAndHead, methods.AcceptCorsPreflight));
            }
        });
        return builder;
    }

    private static bool IsEventStream(EndpointBuilder endpoint) =>
        endpoint.Metadata.OfType<IProducesResponseTypeMetadata>().Any(p => p.ContentTypes.Contains("text/event-stream", StringComparer.OrdinalIgnoreCase));
}
