using System.Globalization;

namespace OrleansScheduler.FaultTests.Support;

/// <summary>The instants osched prints and run ids carry: UTC ISO 8601 with milliseconds, e.g. <c>2026-12-01T08:00:00.000Z</c>.</summary>
public static class Instant
{
    public const string Format = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    /// <summary>Formats an instant the way osched prints it.</summary>
    public static string Print(DateTimeOffset instant) => instant.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture);

    /// <summary>Parses an instant in exactly <see cref="Format"/>; null for any other text.</summary>
    public static DateTimeOffset? TryParse(string? text) =>
        DateTimeOffset.TryParseExact(text, Format, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant) ? instant : null;

    /// <summary>The next whole second at least <paramref name="ahead"/> after <paramref name="now"/>.</summary>
    public static DateTimeOffset WholeSecondAfter(DateTimeOffset now, TimeSpan ahead)
    {
        var target = now + ahead;
        var floor = new DateTimeOffset(target.UtcTicks - (target.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        return floor < target ? floor.AddSeconds(1) : floor;
    }

    /// <summary>Seconds with one decimal, for printed measurements.</summary>
    public static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s";
}
