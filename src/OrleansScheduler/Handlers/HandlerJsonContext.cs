using System.Text.Json.Serialization;

namespace OrleansScheduler.Handlers;

/// <summary>Source-generated JSON for the built-in handlers' payloads (camelCase, case-insensitive, no unknown fields).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    PropertyNameCaseInsensitive = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(LogPayload))]
[JsonSerializable(typeof(HttpPayload))]
internal sealed partial class HandlerJsonContext : JsonSerializerContext;
