using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using System.Text.Unicode;

namespace OrleansScheduler.Json;

/// <summary>
/// Reads a <see cref="JsonElement"/> (a job's payload) as System.Text.Json does, and refuses it when its text is not
/// valid UTF-8.
/// </summary>
/// <remarks>
/// The reader checks UTF-8 only when it turns a string into .NET text; an element keeps its bytes unchecked, so invalid
/// UTF-8 inside a payload surfaced later, as an <see cref="InvalidOperationException"/> from
/// <see cref="JsonElement.GetRawText"/>, and answered 500. Refused here, it becomes a <see cref="JsonException"/> at the
/// payload's path like every other malformed input.
/// </remarks>
internal sealed class Utf8JsonElementConverter : JsonConverter<JsonElement>
{
    /// <inheritdoc/>
    public override JsonElement Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        // The built-in converter keeps the options' rules, duplicate properties included.
        var element = JsonMetadataServices.JsonElementConverter.Read(ref reader, typeToConvert, options);
        return Utf8.IsValid(JsonMarshal.GetRawUtf8Value(element))
            ? element
            : throw new JsonException("is not valid UTF-8");
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, JsonElement value, JsonSerializerOptions options) =>
        JsonMetadataServices.JsonElementConverter.Write(writer, value, options);
}
