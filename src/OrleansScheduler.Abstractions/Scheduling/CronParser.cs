using Cronos;
using OrleansScheduler.Validation;

namespace OrleansScheduler.Scheduling;

/// <summary>Parses cron expressions with Cronos: 5 fields, 6 with seconds first, or a macro such as <c>@daily</c>.</summary>
public static class CronParser
{
    /// <summary>Parses an expression, adding a message to <paramref name="errors"/> when it is invalid.</summary>
    public static CronExpression? TryParse(string? expression, ICollection<string> errors)
    {
        if (string.IsNullOrWhiteSpace(expression))
        {
            errors.Add("cron: is empty; expected 5 fields (minute hour day month weekday) or 6 with seconds first");
            return null;
        }

        // Cronos skips some control characters (a trailing NUL, say), which would then be stored with the expression.
        if (!ControlCharacters.Check("cron", expression, errors))
        {
            return null;
        }

        var trimmed = expression.Trim();
        var fields = trimmed.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
        var isMacro = trimmed.StartsWith('@');
        if (!isMacro && fields is not (5 or 6))
        {
            errors.Add($"cron: \"{expression}\" has {fields} field{(fields == 1 ? "" : "s")}; expected 5 (minute hour day month weekday) or 6 (seconds first)");
            return null;
        }

        try
        {
            return CronExpression.Parse(trimmed, fields == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard);
        }
        catch (CronFormatException ex)
        {
            errors.Add($"cron: \"{expression}\" is not a valid cron expression: {ex.Message}");
            return null;
        }
        catch (MissingSeedException)
        {
            // Cronos throws this (not a CronFormatException) for H, which needs a jitter seed we do not pass.
            errors.Add($"cron: \"{expression}\" uses H (jitter), which is not supported; give explicit values");
            return null;
        }
    }
}
