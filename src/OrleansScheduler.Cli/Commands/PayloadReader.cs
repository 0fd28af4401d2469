using System.Text.Json;

namespace OrleansScheduler.Cli.Commands;

/// <summary>Reads <c>--payload</c> text into the JSON value a <see cref="Json.JobDefinition"/> carries.</summary>
internal static class PayloadReader
{
    /// <summary>
    /// Parses the payload; adds <c>payload: is not valid JSON: …</c> to <paramref name="errors"/> when it is not JSON.
    /// Its size limit is checked with the rest of the spec by <see cref="Validation.JobSpecValidator"/>.
    /// </summary>
    public static JsonElement? Read(string? text, ICollection<string> errors)
    {
        if (text is null)
        {
            return null;
        }

        try
        {
            // Duplicate properties are refused, as in apply files and HTTP bodies (OschedJson.Options).
            using var document = JsonDocument.Parse(text, new JsonDocumentOptions { AllowDuplicateProperties = false });
            return document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            errors.Add($"payload: is not valid JSON: {ex.Message}");
            return null;
        }
    }
}
