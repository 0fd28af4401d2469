using System.Text.Json;
using System.Text.Json.Serialization;

namespace OrleansScheduler.Json;

/// <summary>The JSON settings of every document OrleansScheduler reads or prints: camelCase, nulls omitted, indented.</summary>
public static class OschedJson
{
    /// <summary>Settings for printed documents.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };
}
