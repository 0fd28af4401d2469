using System.Text;
using System.Text.Json;
using OrleansScheduler.Json;

namespace OrleansScheduler.Testing.Fuzzing;

/// <summary>
/// The in-process target: a generated body read as the HTTP API reads it (<see cref="OschedJson.Options"/>, errors
/// worded by <see cref="JsonReadErrors"/>) and as <c>osched apply</c> reads an entry (from a parsed document), then
/// validated by <see cref="JobDefinition.ToSpec"/> under a generated id. Only <see cref="JsonException"/> may leave the
/// reader; nothing may leave the validator; every refusal has errors, each naming a field and no .NET type.
/// </summary>
public static class DefinitionFuzzTarget
{
    /// <summary>The target's name in the report.</summary>
    public const string Name = "definition";

    private static readonly JsonDocumentOptions DocumentOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <summary>Runs case <paramref name="caseIndex"/> of the run with <paramref name="report"/>'s seed.</summary>
    public static void Run(FuzzReport report, int caseIndex, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(report);
        var random = FuzzSeed.ForCase(report.Seed, Name, caseIndex);
        var input = FuzzMutator.Definition(random);
        var id = random.Next(4) == 0 ? Uri.UnescapeDataString(FuzzMutator.Pick(random, FuzzIds.Hostile)) : "fz-" + caseIndex;
        var asApi = Check(input.Bytes, id, now, fromDocument: false, out var apiAccepted);
        var asApply = Check(input.Bytes, id, now, fromDocument: true, out _);
        report.Count(Name, apiAccepted ? "accepted" : "rejected");
        var shown = $"id \"{id}\", {input}";
        foreach (var (check, reason) in asApi.Concat(asApply).Distinct())
        {
            report.Fail(check, Name, caseIndex, reason, shown);
        }
    }

    /// <summary>Reads and validates one body; returns the checks it broke.</summary>
    public static IReadOnlyList<(string Check, string Reason)> Check(byte[] body, string id, DateTimeOffset now, bool fromDocument, out bool accepted)
    {
        ArgumentNullException.ThrowIfNull(body);
        var text = Encoding.UTF8.GetString(body);
        var how = fromDocument ? "read as an apply entry" : "read as a PUT body";
        var broken = new List<(string, string)>();
        var errors = new List<string>();
        accepted = false;
        try
        {
            var definition = Read(body, fromDocument, errors);
            if (definition is not null)
            {
                accepted = (definition with { Id = id }).ToSpec(now, errors) is not null;
                if (!accepted && errors.Count == 0)
                {
                    broken.Add((FuzzCheck.RejectedWithoutError, $"{how}: ToSpec returned null with no error"));
                }
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            broken.Add((FuzzCheck.UnexpectedException, $"{how}: {ex.GetType().FullName}: {ex.Message}"));
        }

        foreach (var error in errors)
        {
            if (FuzzMessages.Check(error, text + id) is { } problem)
            {
                broken.Add((FuzzMessages.DotNetName(error, text) is null ? FuzzCheck.ErrorNamesNoField : FuzzCheck.DefinitionDotNetName, $"{how}: {problem}"));
            }
        }

        return broken;
    }

    // Null when the document is not a definition (already reported in errors, or JSON null: the API says the body is empty).
    private static JobDefinition? Read(byte[] body, bool fromDocument, List<string> errors)
    {
        if (!fromDocument)
        {
            try
            {
                return JsonSerializer.Deserialize<JobDefinition>(body, OschedJson.Options);
            }
            catch (JsonException ex)
            {
                errors.Add(JsonReadErrors.Describe(ex, "body"));
                return null;
            }
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, DocumentOptions);
        }
        catch (JsonException)
        {
            // apply refuses the whole file here, naming the file; the API path above covers the wording.
            return null;
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            try
            {
                return document.RootElement.Deserialize<JobDefinition>(OschedJson.Options);
            }
            catch (JsonException ex)
            {
                errors.Add(JsonReadErrors.Describe(ex, "entry"));
                return null;
            }
        }
    }
}
