namespace OrleansScheduler.Testing.Fuzzing;

/// <summary>Checks the error lines of <c>osched apply</c>: each names its entry (<c>jobs[i]</c>, with its id when it has one) or the file, then a field.</summary>
public static class ApplyErrors
{
    private const string Prefix = "osched: ";

    /// <summary>What is wrong with <paramref name="stderr"/>, or null.</summary>
    /// <param name="stderr">What osched wrote to stderr.</param>
    /// <param name="path">The file applied.</param>
    /// <param name="input">The file's text: what the errors may echo.</param>
    public static string? Check(string stderr, string path, string input)
    {
        ArgumentNullException.ThrowIfNull(stderr);
        ArgumentNullException.ThrowIfNull(path);
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (lines.Length == 0)
        {
            return "exit 2 with nothing on stderr";
        }

        foreach (var line in lines)
        {
            if (!line.StartsWith(Prefix, StringComparison.Ordinal))
            {
                return $"a line that is not an osched error: \"{line}\"";
            }

            var message = line[Prefix.Length..];
            if (message.StartsWith(path + ": ", StringComparison.Ordinal))
            {
                if (FuzzMessages.DotNetName(message, input) is { } name)
                {
                    return $"the .NET name \"{name}\" in \"{line}\"";
                }

                continue;
            }

            if (!message.StartsWith("jobs[", StringComparison.Ordinal))
            {
                return $"names neither an entry nor the file: \"{line}\"";
            }

            var end = message.IndexOf(']', StringComparison.Ordinal);
            var rest = message[(end + 1)..];
            // The id is printed as a JSON string: its end is the first quote not escaped, then "): ".
            var afterLabel = rest.StartsWith(" (id ", StringComparison.Ordinal) ? rest.IndexOf("\"): ", StringComparison.Ordinal) + 4 : rest.StartsWith(": ", StringComparison.Ordinal) ? 2 : -1;
            if (end < 0 || afterLabel < 2)
            {
                return $"no entry label: \"{line}\"";
            }

            if (FuzzMessages.Check(rest[afterLabel..], input) is { } problem)
            {
                // "expected a job object, found a number" names the entry itself, not a field.
                if (!rest[afterLabel..].StartsWith("expected a job object", StringComparison.Ordinal))
                {
                    return $"{problem} (in \"{line}\")";
                }
            }
        }

        return null;
    }
}
