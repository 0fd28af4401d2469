using System.Text.RegularExpressions;

namespace OrleansScheduler.Testing.Fuzzing;

/// <summary>
/// The rules every error text meets: it names a field (<c>{field}: {problem}</c>, the field one of the document's or a
/// name the input itself holds) and it shows no .NET type, namespace or exception name that the input did not contain.
/// </summary>
public static partial class FuzzMessages
{
    /// <summary>The names an error may start with besides a definition's fields: the document, the schedule as a whole, query parameters, an apply entry.</summary>
    public static IReadOnlySet<string> OtherFields { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "body", "entry", "file", "schedule", "after", "limit", "state", "count", "minutes", "ticks", "history",
        // The dashboard's route parameters (GrainStats/{*grainName}, HistoricalStats/{*path}, SiloProperties/{*address}),
        // named by the framework's binding error when empty.
        "grainName", "path", "address",
    };

    /// <summary>What is wrong with <paramref name="error"/>, or null when it meets the rules.</summary>
    /// <param name="error">One error text.</param>
    /// <param name="input">The input it answers, as text: names it holds (an unknown field) may be echoed.</param>
    public static string? Check(string error, string input)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(input);
        var colon = error.IndexOf(": ", StringComparison.Ordinal);
        if (colon <= 0)
        {
            return $"names no field: \"{error}\"";
        }

        var field = error[..colon];
        var root = field.Split('.', '[')[0];
        if (!FuzzCorpus.Fields.Contains(root) && !OtherFields.Contains(root) && !input.Contains(root, StringComparison.Ordinal))
        {
            return $"names \"{field}\", not a field of the input: \"{error}\"";
        }

        return DotNetName(error, input) is { } name ? $"shows the .NET name \"{name}\": \"{error}\"" : null;
    }

    /// <summary>A .NET type, namespace or exception name in <paramref name="text"/> that <paramref name="input"/> does not hold, or null.</summary>
    public static string? DotNetName(string text, string input)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(input);
        foreach (Match match in TypeName().Matches(text))
        {
            if (!input.Contains(match.Value, StringComparison.Ordinal))
            {
                return match.Value;
            }
        }

        return null;
    }

    [GeneratedRegex(@"\b(?:System|Microsoft|Orleans|OrleansScheduler|Cronos|StackExchange)\.[A-Z]\w*|\b\w+Exception\b|\b(?:Int16|Int32|Int64|UInt32|UInt64|Boolean|Double|Decimal|DateTimeOffset|DateTime|TimeSpan|JsonElement|JsonValueKind|JobDefinition|JobSpec|JobSchedule|Nullable)\b|`1")]
    private static partial Regex TypeName();
}
