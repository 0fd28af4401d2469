using System.Text.Json;

namespace OrleansScheduler.Handlers;

/// <summary>The payload of the <c>http</c> handler.</summary>
internal sealed record HttpPayload
{
    public string? Url { get; init; }

    public string? Method { get; init; }

    public Dictionary<string, string>? Headers { get; init; }

    /// <summary>A string is sent as is; any other JSON value is sent as JSON.</summary>
    public JsonElement? Body { get; init; }

    public string? ContentType { get; init; }

    /// <summary>A duration such as <c>10s</c>; default 30 s.</summary>
    public string? Timeout { get; init; }
}
