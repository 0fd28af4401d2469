using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace OrleansScheduler.Json;

/// <summary>
/// Words System.Text.Json's reading errors as <c>{field}: {problem}</c> in the document's own terms: the field's path
/// and what was expected there. The raw messages name .NET types (<c>could not be converted to System.String</c>,
/// <c>… contained in type 'OrleansScheduler.Handlers.LogPayload'</c>), which mean nothing to a caller and show the
/// implementation.
/// </summary>
public static partial class JsonReadErrors
{
    /// <summary>Describes why a document could not be read.</summary>
    /// <param name="exception">The error.</param>
    /// <param name="document">What the message calls the document itself, e.g. <c>body</c> or <c>payload</c>.</param>
    /// <param name="fieldPrefix">Put before each field's path, e.g. <c>payload.</c> when the document is a job's payload.</param>
    /// <returns>For example <c>maxAttempts: expected a whole number, found a string</c> or <c>every: is given more than once</c>.</returns>
    public static string Describe(JsonException exception, string document, string fieldPrefix = "")
    {
        ArgumentNullException.ThrowIfNull(exception);
        var field = FieldOf(exception.Path, document, fieldPrefix);
        var message = WithoutPosition(exception.Message);

        if (message.Contains("could not be mapped to any .NET member", StringComparison.Ordinal))
        {
            // Field names are matched exactly: say so when the name looks like a known one in another case.
            var hint = QuotedName(message) is { Length: > 0 } name && char.IsUpper(name[0]) ? "; field names are case-sensitive camelCase" : "";
            return $"{field}: is not a known field{hint}";
        }

        if (message.StartsWith("Duplicate property", StringComparison.Ordinal))
        {
            var name = QuotedName(message);
            return name is null || field == name || field.EndsWith("." + name, StringComparison.Ordinal)
                ? $"{field}: is given more than once"
                : $"{field}: has the property \"{name}\" more than once";
        }

        var conversion = message.IndexOf("could not be converted to ", StringComparison.Ordinal);
        if (conversion >= 0)
        {
            if (exception.InnerException?.Message.Contains("UTF-8", StringComparison.Ordinal) == true)
            {
                return $"{field}: is not valid UTF-8";
            }

            var expected = Expected(message[(conversion + "could not be converted to ".Length)..].TrimEnd('.'), exception.InnerException?.Message);
            return Found(exception.InnerException?.Message) is { } found
                ? $"{field}: expected {expected}, found {found}"
                : $"{field}: expected {expected}";
        }

        if (exception.InnerException is JsonException || exception.GetType() != typeof(JsonException))
        {
            // The reader's own errors (the JSON text is malformed): where, by line and byte, helps more than a path.
            var position = exception.LineNumber is { } line && exception.BytePositionInLine is { } column
                ? string.Create(CultureInfo.InvariantCulture, $" (line {line + 1}, byte {column + 1})")
                : "";
            return $"{document}: is not valid JSON: {TypeName().Replace(message.TrimEnd('.'), "a value")}{position}";
        }

        return $"{field}: {TypeName().Replace(message, "a value")}";
    }

    private static string FieldOf(string? path, string document, string fieldPrefix)
    {
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return document;
        }

        var relative = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
        // A field with an empty name ({"":1}) ends the path with nothing after its dot: name it as it is written, "".
        return relative.Length == 0 || relative.EndsWith('.') ? $"{fieldPrefix}{relative}\"\"" : fieldPrefix + relative;
    }

    private static string WithoutPosition(string message)
    {
        foreach (var marker in (ReadOnlySpan<string>)[" Path: ", " LineNumber: ", " | LineNumber: "])
        {
            var at = message.IndexOf(marker, StringComparison.Ordinal);
            if (at >= 0)
            {
                message = message[..at];
            }
        }

        return message.Trim();
    }

    private static string Expected(string type, string? inner)
    {
        // With source-generated metadata the message names the enclosing type, not the field's; the reader's own
        // "Cannot get the value of a token type 'Number' as a string." then says what the field wanted.
        var fromType = ExpectedOf(type);
        var wanted = inner?.IndexOf(" as a ", StringComparison.Ordinal) is >= 0 and var at ? inner[(at + " as a ".Length)..].TrimEnd('.') : null;
        return wanted switch
        {
            "string" => "a string",
            "number" => fromType is "a whole number" or "a number" ? fromType : "a number",
            "boolean" => "true or false",
            _ => fromType,
        };
    }

    private static string ExpectedOf(string type)
    {
        const string Nullable = "System.Nullable`1[";
        var target = type.StartsWith(Nullable, StringComparison.Ordinal) ? type[Nullable.Length..^1] : type;
        return target switch
        {
            "System.String" => "a string",
            "System.Byte" or "System.Int16" or "System.Int32" or "System.Int64" or "System.UInt16" or "System.UInt32" or "System.UInt64" => "a whole number",
            "System.Single" or "System.Double" or "System.Decimal" => "a number",
            "System.Boolean" => "true or false",
            "System.DateTime" or "System.DateTimeOffset" => "an ISO 8601 instant",
            _ when target.Contains("Dictionary", StringComparison.Ordinal) => "an object",
            _ when target.EndsWith("[]", StringComparison.Ordinal) || target.Contains("List`1", StringComparison.Ordinal) => "an array",
            // Our own records (a job definition, a handler's payload) are JSON objects.
            _ when !target.StartsWith("System.", StringComparison.Ordinal) => "an object",
            _ => "a value of another type",
        };
    }

    // The reader's "Cannot get the value of a token type 'String' as a number." names the token that was found.
    private static string? Found(string? inner) => QuotedName(inner ?? "") switch
    {
        "String" or "PropertyName" => "a string",
        "Number" => "a number",
        "True" or "False" => "a boolean",
        "Null" => "null",
        "StartObject" => "an object",
        "StartArray" => "an array",
        _ => null,
    };

    private static string? QuotedName(string message)
    {
        var start = message.IndexOf('\'', StringComparison.Ordinal);
        var end = start < 0 ? -1 : message.IndexOf('\'', start + 1);
        return end < 0 ? null : message[(start + 1)..end];
    }

    // A qualified .NET type name (System.Int32, OrleansScheduler.Json.JobDefinition), for messages not worded above.
    [GeneratedRegex(@"'?\b(?:System|OrleansScheduler|Microsoft)(?:\.[\w`\[\],]+)+'?", RegexOptions.CultureInvariant)]
    private static partial Regex TypeName();
}
