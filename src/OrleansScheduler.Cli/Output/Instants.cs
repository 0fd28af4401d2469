using System.Globalization;

namespace OrleansScheduler.Cli.Output;

/// <summary>How osched presents instants: <see cref="InstantFormat"/> for UTC, and the wall-clock time in a zone.</summary>
internal static class Instants
{
    /// <summary>What is printed for a missing instant.</summary>
    public const string None = "-";

    /// <summary>UTC ISO 8601 with milliseconds, e.g. <c>2026-03-29T01:30:00.000Z</c>, or <see cref="None"/>.</summary>
    public static string Utc(DateTimeOffset? instant) => InstantFormat.Format(instant) ?? None;

    /// <summary>The wall-clock time in a zone, e.g. <c>2026-03-29 03:30:00 +02:00 Europe/Berlin</c>.</summary>
    public static string Local(DateTimeOffset instant, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(instant, zone).ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture) + " " + zone.Id;

    /// <summary>Both, e.g. <c>2026-03-29T01:30:00.000Z  (2026-03-29 03:30:00 +02:00 Europe/Berlin)</c>.</summary>
    public static string UtcAndLocal(DateTimeOffset instant, TimeZoneInfo zone) => $"{Utc(instant)}  ({Local(instant, zone)})";
}
