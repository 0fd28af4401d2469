using System.Text.Json;

namespace OrleansScheduler.Cli.Apply;

/// <summary>Words System.Text.Json errors about one entry as <c>{field}: {problem}</c>.</summary>
internal static class JsonErrors
{
    /// <summary>Describes why an entry could not be read, naming the field from the error's path.</summary>
    public static string Describe(JsonException exception)
    {
        var message = exception.Message;
        var pathAt = message.IndexOf(" Path:", StringComparison.Ordinal);
        if (pathAt >= 0)
        {
            message = message[..pathAt];
        }

        var field = exception.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : null;
        if (message.Contains("could not be mapped", StringComparison.Ordinal))
        {
            var name = Between(message, "'", "'") ?? field;
            return $"{name}: is not a known field";
        }

        if (message.Contains("could not be converted to ", StringComparison.Ordinal))
        {
            var type = message[(message.IndexOf("could not be converted to ", StringComparison.Ordinal) + 26)..].TrimEnd('.');
            message = $"expected {Friendly(type)}";
        }

        return field is null ? message : $"{field}: {message}";
    }

    private static string Friendly(string type) => type switch
    {
        _ when type.Contains("Int32", StringComparison.Ordinal) => "a whole number",
        _ when type.Contains("String", StringComparison.Ordinal) => "a string",
        _ => type,
    };

    private static string? Between(string text, string open, string close)
    {
        var start = text.IndexOf(open, StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }

        var end = text.IndexOf(close, start + open.Length, StringComparison.Ordinal);
        return end < 0 ? null : text[(start + open.Length)..end];
    }
}
