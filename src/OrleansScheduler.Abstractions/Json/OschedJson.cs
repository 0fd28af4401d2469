using System.Text.Json;
using System.Text.Json.Serialization;

namespace OrleansScheduler.Json;

/// <summary>
/// The JSON settings of every document OrleansScheduler reads or prints: camelCase, nulls omitted, indented. The HTTP
/// API and <c>osched apply</c> read job definitions with these settings, so both accept exactly the same documents.
/// </summary>
/// <remarks>
/// Reading is strict, so that what a reviewer sees in a file is what gets scheduled: field names are matched exactly
/// (camelCase, as printed), a field given twice is an error rather than the last one winning, numbers must be JSON
/// numbers (not <c>"3"</c>), unknown fields are errors, and text must be valid UTF-8, also inside a payload. Comments
/// and trailing commas are allowed, as in hand-written files.
/// </remarks>
public static class OschedJson
{
    /// <summary>Settings for read and printed documents.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        // The web defaults read field names in any case and numbers from strings; both are turned off (see remarks).
        PropertyNameCaseInsensitive = false,
        NumberHandling = JsonNumberHandling.Strict,
        AllowDuplicateProperties = false,
        Converters = { new Utf8JsonElementConverter() },
    };
}
