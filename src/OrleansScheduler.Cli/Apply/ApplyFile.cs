using System.Runtime.InteropServices;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using OrleansScheduler.Json;

namespace OrleansScheduler.Cli.Apply;

/// <summary>
/// Reads an apply file, a JSON array of <see cref="JobDefinition"/>, and validates all of it: every entry with the
/// same rules as <c>osched schedule</c>, plus unknown fields and duplicate ids. Any problem fails the whole file.
/// </summary>
internal static class ApplyFile
{
    // Escapes what JSON must (quotes, backslashes, control characters) and nothing else: ids print as they read.
    private static readonly JsonSerializerOptions QuoteOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>Reads and validates the file at <paramref name="path"/>.</summary>
    /// <param name="path">The file.</param>
    /// <param name="now">The instant <c>in</c> fields count from.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <exception cref="CliException">The file is missing, not JSON, or has invalid entries: one message per problem, each naming its entry (exit code 2).</exception>
    public static async Task<IReadOnlyList<ApplyEntry>> ReadAsync(string path, DateTimeOffset now, CancellationToken cancellationToken)
    {
        JsonDocument document;
        try
        {
            var stream = File.OpenRead(path);
            await using (stream.ConfigureAwait(false))
            {
                document = await JsonDocument.ParseAsync(stream, DocumentOptions, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw CliException.InvalidInput($"file: \"{path}\" does not exist", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw CliException.Failure($"file: cannot read \"{path}\": {ex.Message}", ex);
        }
        catch (JsonException ex)
        {
            throw CliException.InvalidInput($"{path}: is not valid JSON: {ex.Message}", ex);
        }

        using (document)
        {
            return Validate(document.RootElement, path, now);
        }
    }

    /// <summary>Validates a parsed apply file; see <see cref="ReadAsync"/>.</summary>
    public static IReadOnlyList<ApplyEntry> Validate(JsonElement root, string path, DateTimeOffset now)
    {
        if (root.ValueKind != JsonValueKind.Array)
        {
            throw CliException.InvalidInput($"{path}: expected a JSON array of jobs, found {Describe(root.ValueKind)}");
        }

        var entries = new List<ApplyEntry>();
        var problems = new List<string>();
        var firstIndexOfId = new Dictionary<string, int>(StringComparer.Ordinal);
        var index = 0;
        var invalid = 0;
        foreach (var element in root.EnumerateArray())
        {
            var label = Label(index, element);
            var errors = new List<string>();
            var (id, spec) = ReadEntry(element, now, errors);
            if (id is not null && !firstIndexOfId.TryAdd(id, index))
            {
                errors.Add($"id: {Quote(id)} is also the id of jobs[{firstIndexOfId[id]}]");
            }

            if (errors.Count > 0 || spec is null)
            {
                invalid++;
                problems.AddRange(errors.Select(e => $"{label}: {e}"));
            }
            else
            {
                entries.Add(new ApplyEntry(label, id!, spec));
            }

            index++;
        }

        if (invalid > 0)
        {
            problems.Add($"{path}: {invalid} of {index} jobs are invalid; nothing was applied");
            throw CliException.InvalidInput(problems);
        }

        return entries;
    }

    private static (string? Id, JobSpec? Spec) ReadEntry(JsonElement element, DateTimeOffset now, List<string> errors)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add($"expected a job object, found {Describe(element.ValueKind)}");
            return (null, null);
        }

        JobDefinition? definition;
        try
        {
            definition = element.Deserialize<JobDefinition>(OschedJson.Options);
        }
        catch (JsonException ex)
        {
            errors.Add(JsonReadErrors.Describe(ex, "entry"));
            return (IdOf(element), null);
        }

        return definition is null ? (null, null) : (definition.Id, definition.ToSpec(now, errors));
    }

    // The id is printed as a JSON string: one with a CR LF or other control characters (refused, and so reported under
    // this label) must not split the error line or reach a terminal raw (found by the fuzz test).
    private static string Label(int index, JsonElement element) =>
        IdOf(element) is { } id ? $"jobs[{index}] (id {Quote(id)})" : $"jobs[{index}]";

    private static string Quote(string text) => JsonSerializer.Serialize(text, QuoteOptions);

    private static string? IdOf(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (var property in element.EnumerateObject())
        {
            // An id that is not valid UTF-8 cannot be shown; the entry's index names it, and reading it reports the id.
            if (property.NameEquals("id") && property.Value.ValueKind == JsonValueKind.String && IsValidUtf8(property.Value))
            {
                return property.Value.GetString();
            }
        }

        return null;
    }

    private static bool IsValidUtf8(JsonElement value) => Utf8.IsValid(JsonMarshal.GetRawUtf8Value(value));

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };
}
