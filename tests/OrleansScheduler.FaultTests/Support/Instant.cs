using System.Globalization;

namespace OrleansScheduler.FaultTests.Support;

/// <summary>The instants osched prints and run ids carry (<see cref="InstantFormat"/>), and time arithmetic for the scenarios.</summary>
public static class Instant
{
    /// <summary>Formats an instant the way osched prints it.</summary>
    public static string Print(DateTimeOffset instant) => InstantFormat.Format(instant);

    /// <summary>Parses an instant in exactly <see cref="InstantFormat.Pattern"/>; null for any other text.</summary>
    public static DateTimeOffset? TryParse(string? text) => InstantFormat.TryParseExact(text, out var instant) ? instant : null;

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
