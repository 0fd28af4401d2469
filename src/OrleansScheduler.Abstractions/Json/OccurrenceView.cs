using System.Globalization;

namespace OrleansScheduler.Json;

/// <summary>
/// One occurrence of a schedule as <c>osched next --json</c> and the HTTP API (<c>/api/jobs/{id}/next</c>) print it.
/// The field names and formats are a stable contract.
/// </summary>
public sealed record OccurrenceView
{
    /// <summary>The instant, UTC ISO 8601, e.g. <c>2026-03-29T01:30:00.000Z</c>.</summary>
    public required string Utc { get; init; }

    /// <summary>The wall-clock time in the schedule's zone, ISO 8601 with its offset, e.g. <c>2026-03-29T03:30:00.000+02:00</c>.</summary>
    public required string Local { get; init; }

    /// <summary>The IANA zone of <see cref="Local"/>.</summary>
    public required string Tz { get; init; }

    /// <summary>Builds the view of an occurrence read in <paramref name="zone"/>.</summary>
    public static OccurrenceView From(DateTimeOffset instant, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return new OccurrenceView
        {
            Utc = InstantFormat.Format(instant),
            Local = TimeZoneInfo.ConvertTime(instant, zone).ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture),
            Tz = zone.Id,
        };
    }
}
