using System.Globalization;

namespace OrleansScheduler;

/// <summary>
/// The one text form of an instant everywhere the scheduler writes one: run ids, the JSON views, the HTTP API and
/// osched's output. UTC ISO 8601 with exactly three fraction digits, e.g. <c>2026-12-01T08:00:00.000Z</c>. Run ids carry
/// it, and run ids are stored in Redis, so the format is an upgrade contract (pinned by tests).
/// </summary>
public static class InstantFormat
{
    /// <summary>The custom format string: <c>yyyy-MM-dd'T'HH:mm:ss.fff'Z'</c>, applied to the UTC time.</summary>
    public const string Pattern = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    /// <summary>Formats an instant as UTC, e.g. <c>2026-12-01T08:00:00.000Z</c>; the ticks below a millisecond are cut off.</summary>
    public static string Format(DateTimeOffset instant) => instant.UtcDateTime.ToString(Pattern, CultureInfo.InvariantCulture);

    /// <summary>Formats an instant as <see cref="Format(DateTimeOffset)"/> does; null for null.</summary>
    public static string? Format(DateTimeOffset? instant) => instant is { } value ? Format(value) : null;

    /// <summary>
    /// Parses what a person or a file may write for an instant: any ISO 8601 date and time that carries an offset or
    /// <c>Z</c> (so that no instant depends on the reader's time zone), e.g. <c>2026-12-01T09:00:00+01:00</c>.
    /// </summary>
    /// <returns>False for null, blank text, a missing offset or anything not an instant.</returns>
    public static bool TryParse(string? text, out DateTimeOffset instant)
    {
        instant = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var trimmed = text.Trim();
        var hasOffset = trimmed.EndsWith('Z') || trimmed.EndsWith('z') ||
            (trimmed.Length > 6 && (trimmed[^6] is '+' or '-') && trimmed[^3] == ':');
        return hasOffset && trimmed.Contains('T', StringComparison.OrdinalIgnoreCase) &&
            DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.None, out instant);
    }

    /// <summary>Parses an instant in exactly <see cref="Pattern"/>, as the scheduler writes it; any other shape fails.</summary>
    /// <returns>The instant, with offset zero.</returns>
    public static bool TryParseExact(string? text, out DateTimeOffset instant) =>
        DateTimeOffset.TryParseExact(text, Pattern, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out instant);

    /// <summary>
    /// The instant cut down to whole milliseconds, as UTC: the precision instants are stored with (Unix milliseconds)
    /// and printed with. A floor, never a rounding: the result is never later than the instant.
    /// </summary>
    public static DateTimeOffset ToWholeMilliseconds(DateTimeOffset instant) =>
        DateTimeOffset.FromUnixTimeMilliseconds(instant.ToUnixTimeMilliseconds());
}
