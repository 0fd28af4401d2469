using System.Text.Json;

namespace OrleansScheduler.Testing.Fuzzing;

/// <summary>Checks a 4xx answer is RFC 9457 problem details as the README promises, worded for a caller.</summary>
public static class ProblemDetails
{
    /// <summary>What is wrong with the answer, or null. Problems with the texts start with <c>errors</c>.</summary>
    /// <param name="status">The answer's status.</param>
    /// <param name="mediaType">Its <c>Content-Type</c> media type.</param>
    /// <param name="body">Its body.</param>
    /// <param name="input">The request as text: what the texts may echo.</param>
    public static string? Check(int status, string? mediaType, string body, string input)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (mediaType != "application/problem+json")
        {
            return $"Content-Type is {mediaType ?? "missing"}, not application/problem+json";
        }

        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(body);
            root = document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            return $"the body is not JSON ({ex.Message})";
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            return "the body is not a JSON object";
        }

        if (!root.TryGetProperty("title", out var title) || title.ValueKind != JsonValueKind.String || title.GetString() is not { Length: > 0 })
        {
            return "no title";
        }

        if (!root.TryGetProperty("status", out var given) || given.ValueKind != JsonValueKind.Number || given.GetInt32() != status)
        {
            return $"status is {(root.TryGetProperty("status", out var s) ? s.ToString() : "missing")}, not {status}";
        }

        foreach (var text in new[] { title.GetString(), root.TryGetProperty("detail", out var detail) ? detail.ToString() : null })
        {
            if (text is not null && FuzzMessages.DotNetName(text, input) is { } name)
            {
                return $"errors: the problem shows the .NET name \"{name}\": \"{text}\"";
            }
        }

        if (status == 400 && root.TryGetProperty("errors", out var errors))
        {
            if (errors.ValueKind != JsonValueKind.Array || errors.GetArrayLength() == 0)
            {
                return "errors: a 400's errors is not a non-empty array";
            }

            foreach (var error in errors.EnumerateArray())
            {
                if (FuzzMessages.Check(error.ToString(), input) is { } problem)
                {
                    return "errors: " + problem;
                }
            }
        }

        return null;
    }
}
