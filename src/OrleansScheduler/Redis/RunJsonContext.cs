using System.Text.Json.Serialization;

namespace OrleansScheduler.Redis;

/// <summary>Source-generated JSON for what the scheduler stores in Redis: compact, camelCase, enums by name.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(RunMessage))]
[JsonSerializable(typeof(HistoryEntry))]
[JsonSerializable(typeof(DeadLetterEntry))]
internal sealed partial class RunJsonContext : JsonSerializerContext;
