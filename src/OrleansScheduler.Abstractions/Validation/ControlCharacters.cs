using System.Globalization;

namespace OrleansScheduler.Validation;

/// <summary>
/// The rule every text field of a job but its payload follows: no control characters (U+0000–U+001F, U+007F–U+009F;
/// tab and newline included). Parsers such as Cronos skip some of them, so without this rule a NUL or a newline would
/// be stored and shown in the jobs view, <c>osched show</c> and the logs.
/// </summary>
public static class ControlCharacters
{
    /// <summary>
    /// Adds <c>{field}: has a control character (U+0000) at character 10; …</c> to <paramref name="errors"/> when
    /// <paramref name="value"/> holds one. The value itself is not repeated, so the message carries no control character.
    /// </summary>
    /// <returns>True when the value holds no control character (or is null).</returns>
    public static bool Check(string field, string? value, ICollection<string> errors)
    {
        if (value is null)
        {
            return true;
        }

        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsControl(value[i]))
            {
                errors.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{field}: has a control character (U+{(int)value[i]:X4}) at character {i + 1}; control characters, tab and newline included, are not allowed"));
                return false;
            }
        }

        return true;
    }
}
