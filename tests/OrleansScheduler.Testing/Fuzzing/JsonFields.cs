using System.Text;
using System.Text.Json;

namespace OrleansScheduler.Testing.Fuzzing;

/// <summary>Finds and replaces top-level fields of a JSON object by byte position, so a mutation keeps the rest as it was.</summary>
internal static class JsonFields
{
    private static readonly JsonReaderOptions Lenient = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, MaxDepth = 4096 };

    /// <summary>Where the first top-level property <paramref name="name"/> starts (its name's quote) and where its value ends; null when absent or the document does not read.</summary>
    public static (int Start, int ValueStart, int End)? Find(byte[] json, string name)
    {
        try
        {
            var reader = new Utf8JsonReader(json, Lenient);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var start = (int)reader.TokenStartIndex;
                var matches = reader.ValueTextEquals(name);
                reader.Read();
                var valueStart = (int)reader.TokenStartIndex;
                reader.Skip();
                if (matches)
                {
                    return (start, valueStart, (int)reader.BytesConsumed);
                }
            }
        }
        catch (JsonException)
        {
            // Not readable (already mutated): the caller falls back to inserting.
        }

        return null;
    }

    /// <summary>Sets <paramref name="name"/> to <paramref name="value"/>: replaces its value when present, else adds it first.</summary>
    public static byte[] Set(byte[] json, string name, string value) => Find(json, name) is { } at
        ? Splice(json, at.ValueStart, at.End, Encoding.UTF8.GetBytes(value))
        : Add(json, name, value);

    /// <summary>Adds <c>"name":value,</c> right after the first <c>{</c> (a duplicate when the field is there already).</summary>
    public static byte[] Add(byte[] json, string name, string value)
    {
        var brace = Array.IndexOf(json, (byte)'{');
        var field = Encoding.UTF8.GetBytes($"{JsonSerializer.Serialize(name)}:{value}" + (HasFieldAfter(json, brace) ? "," : ""));
        return brace < 0 ? [.. "{"u8, .. field, .. "}"u8] : Splice(json, brace + 1, brace + 1, field);
    }

    /// <summary>Removes the field and its value (a comma may be left over: also a case worth trying).</summary>
    public static byte[] Remove(byte[] json, string name) => Find(json, name) is { } at ? Splice(json, at.Start, at.End, []) : json;

    /// <summary>Replaces <c>[from, to)</c> of <paramref name="bytes"/> with <paramref name="insert"/>.</summary>
    public static byte[] Splice(byte[] bytes, int from, int to, ReadOnlySpan<byte> insert) => [.. bytes.AsSpan(0, from), .. insert, .. bytes.AsSpan(to)];

    private static bool HasFieldAfter(byte[] json, int brace)
    {
        for (var i = brace + 1; i < json.Length; i++)
        {
            if (json[i] is not ((byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t'))
            {
                return json[i] != (byte)'}';
            }
        }

        return false;
    }
}
