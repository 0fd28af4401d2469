using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace OrleansScheduler;

/// <summary>
/// Parses and formats durations written as <c>500ms</c>, <c>5s</c>, <c>2m</c>, <c>1h</c>, <c>1d</c> or combinations such
/// as <c>1h30m</c> (each unit once, the larger first).
/// </summary>
public static partial class Duration
{
    /// <summary>Parses a duration.</summary>
    /// <returns>
    /// True when <paramref name="text"/> is one or more <c>{number}{unit}</c> parts with units d, h, m, s, ms, each unit
    /// at most once and the larger first (<c>1h30m</c>, not <c>30m1h</c> or <c>1h1h</c>), as <see cref="Format"/> writes them.
    /// </returns>
    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var matches = PartPattern().Matches(text.Trim());
        var consumed = 0;
        long totalMilliseconds = 0;
        var previousUnit = long.MaxValue;
        foreach (Match match in matches)
        {
            if (match.Index != consumed)
            {
                return false;
            }

            consumed += match.Length;
            if (!long.TryParse(match.Groups["n"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                return false;
            }

            var unit = match.Groups["u"].Value switch
            {
                "ms" => 1L,
                "s" => 1_000L,
                "m" => 60_000L,
                "h" => 3_600_000L,
                _ => 86_400_000L,
            };
            if (unit >= previousUnit)
            {
                // A repeated unit (1h1h) or one out of order (30m1h) reads as a typo, and a reviewer would misread it.
                return false;
            }

            previousUnit = unit;
            try
            {
                totalMilliseconds = checked(totalMilliseconds + checked(number * unit));
            }
            catch (OverflowException)
            {
                return false;
            }
        }

        if (consumed == 0 || consumed != text.Trim().Length || totalMilliseconds > (long)TimeSpan.MaxValue.TotalMilliseconds)
        {
            return false;
        }

        value = TimeSpan.FromMilliseconds(totalMilliseconds);
        return true;
    }

    /// <summary>Formats a duration in the same notation, e.g. <c>1h30m</c> or <c>500ms</c>.</summary>
    /// <remarks>
    /// Parts below a millisecond are dropped. A negative value (only ever shown in error messages) gets a leading
    /// <c>-</c>, which <see cref="TryParse"/> rejects.
    /// </remarks>
    public static string Format(TimeSpan value)
    {
        if (value < TimeSpan.Zero)
        {
            return "-" + Format(value == TimeSpan.MinValue ? TimeSpan.MaxValue : value.Negate());
        }

        if (value == TimeSpan.Zero)
        {
            return "0s";
        }

        var builder = new StringBuilder();
        Append(builder, value.Days, "d");
        Append(builder, value.Hours, "h");
        Append(builder, value.Minutes, "m");
        Append(builder, value.Seconds, "s");
        Append(builder, value.Milliseconds, "ms");
        return builder.Length == 0 ? "0ms" : builder.ToString();
    }

    private static void Append(StringBuilder builder, int amount, string unit)
    {
        if (amount > 0)
        {
            builder.Append(amount.ToString(CultureInfo.InvariantCulture)).Append(unit);
        }
    }

    [GeneratedRegex(@"(?<n>[0-9]+)(?<u>ms|s|m|h|d)", RegexOptions.CultureInvariant)]
    private static partial Regex PartPattern();
}
