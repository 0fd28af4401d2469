using System.Globalization;
using System.Text;

namespace OrleansScheduler.Testing.Fuzzing;

/// <summary>One generated request.</summary>
/// <param name="Route">The route it aims at, e.g. <c>PUT /api/jobs/{id}</c>, for the report.</param>
/// <param name="Method">The method sent (sometimes not one the route takes).</param>
/// <param name="PathAndQuery">The path and query, percent-encoded as sent.</param>
/// <param name="Id">The id in the path, decoded; null for routes without one.</param>
/// <param name="ContentType">The <c>Content-Type</c> of the body; null for none.</param>
/// <param name="Body">The body; null for none.</param>
/// <param name="ApiKey">The <c>X-Api-Key</c> header; null to leave it out.</param>
/// <param name="Recipe">How the body was made, when there is one.</param>
public sealed record HttpFuzzCase(string Route, string Method, string PathAndQuery, string? Id, string? ContentType, byte[]? Body, string? ApiKey, string? Recipe)
{
    /// <summary>Whether the answer is an event stream to close once its headers are in.</summary>
    public bool IsEventStream => Method == "GET" && Route.EndsWith("events", StringComparison.Ordinal);

    /// <inheritdoc/>
    public override string ToString()
    {
        var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"{Method} {PathAndQuery} (route {Route})");
        text.Append(CultureInfo.InvariantCulture, $", Content-Type {ContentType ?? "none"}, X-Api-Key {(ApiKey is null ? "none" : "\"" + ApiKey + "\"")}");
        if (Body is not null)
        {
            text.AppendLine().Append(CultureInfo.InvariantCulture, $"body: {Recipe}").AppendLine().Append(FuzzInput.Show(Body));
        }

        return text.ToString();
    }
}
