using System.Text.RegularExpressions;

namespace OrleansScheduler.Validation;

/// <summary>The rules for job ids, queue names and handler names.</summary>
public static partial class JobIds
{
    /// <summary>The longest job id accepted.</summary>
    public const int MaxLength = 200;

    /// <summary>The characters a job id may contain.</summary>
    public const string AllowedCharacters = "[A-Za-z0-9._:-]";

    /// <summary>Adds a message to <paramref name="errors"/> for each rule <paramref name="id"/> breaks.</summary>
    public static void Validate(string? id, ICollection<string> errors) => ValidateName("id", id, MaxLength, errors);

    /// <summary>Checks a name (job id, queue, handler): 1 to <paramref name="maxLength"/> characters of <see cref="AllowedCharacters"/>.</summary>
    public static void ValidateName(string field, string? value, int maxLength, ICollection<string> errors)
    {
        if (string.IsNullOrEmpty(value))
        {
            errors.Add($"{field}: is empty; expected 1-{maxLength} characters of {AllowedCharacters}");
        }
        else if (value.Length > maxLength)
        {
            errors.Add($"{field}: is {value.Length} characters long; the limit is {maxLength}");
        }
        // A control character gets its own message, which does not repeat the value (and so the character).
        else if (ControlCharacters.Check(field, value, errors) && !NamePattern().IsMatch(value))
        {
            errors.Add($"{field}: \"{value}\" has a character outside {AllowedCharacters}");
        }
    }

    // \z, not $: $ also matches before a final '\n', which would let "job\n" through.
    [GeneratedRegex(@"^[A-Za-z0-9._:\-]+\z", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
