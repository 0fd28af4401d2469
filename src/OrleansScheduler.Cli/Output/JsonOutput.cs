using System.Text.Encodings.Web;
using System.Text.Json;
using OrleansScheduler.Json;

namespace OrleansScheduler.Cli.Output;

/// <summary>Prints JSON documents with <see cref="OschedJson.Options"/>.</summary>
internal static class JsonOutput
{
    // The same names and formats as OschedJson.Options; only the escaping is relaxed, so a terminal shows
    // "+02:00" and "job \"x\"" rather than "\u002B02:00" and "job \u0022x\u0022". The JSON means the same.
    private static readonly JsonSerializerOptions Options = new(OschedJson.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Writes <paramref name="value"/> as one indented JSON document followed by a newline.</summary>
    public static void Write<T>(TextWriter writer, T value) =>
        writer.WriteLine(JsonSerializer.Serialize(value, Options));
}
