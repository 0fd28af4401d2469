using System.Globalization;

namespace OrleansScheduler.Tests;

/// <summary>Reads and prints instants so that assertions compare exact UTC times as text.</summary>
internal static class Instants
{
    /// <summary>Parses an ISO 8601 instant that carries its offset, e.g. <c>2026-03-29T01:00:00Z</c>.</summary>
    public static DateTimeOffset At(string iso) =>
        DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture, DateTimeStyles.None);

    /// <summary>
    /// Prints an instant as <c>yyyy-MM-ddTHH:mm:ss[.fffffff]Z</c> when its offset is zero, so that comparing the
    /// text checks both the instant and that it is expressed in UTC; anything else prints in a way that cannot match.
    /// </summary>
    public static string Utc(DateTimeOffset? instant) => instant switch
    {
        null => "(none)",
        { Offset.Ticks: 0 } utc => utc.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture),
        { } other => "not UTC: " + other.ToString("O", CultureInfo.InvariantCulture),
    };

    /// <summary>Prints each instant with <see cref="Utc(DateTimeOffset?)"/>.</summary>
    public static string[] Utc(IEnumerable<DateTimeOffset> instants) => [.. instants.Select(i => Utc(i))];
}
