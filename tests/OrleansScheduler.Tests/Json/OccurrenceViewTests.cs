using System.Text.Encodings.Web;
using System.Text.Json;
using OrleansScheduler.Json;
using static OrleansScheduler.Tests.Instants;

namespace OrleansScheduler.Tests.Json;

/// <summary>
/// Snapshot of <see cref="OccurrenceView"/> as <c>osched next --json</c> and <c>GET /api/jobs/{id}/next</c> print it.
/// A contract: the CLI and the HTTP API share it.
/// </summary>
public sealed class OccurrenceViewTests
{
    // As osched and the HTTP API print it: "+01:00" rather than "\u002B01:00" (the same JSON either way).
    private static readonly JsonSerializerOptions Printed = new(OschedJson.Options) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [Fact]
    public void Serialize_PinsFieldNamesAndFormats_WithTheZonesOffsetOfThatDay()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

        var winter = JsonSerializer.Serialize(OccurrenceView.From(At("2026-03-29T00:30:00Z"), zone), Printed).ReplaceLineEndings("\n");
        var summer = OccurrenceView.From(At("2026-03-29T01:00:00Z"), zone);

        Assert.Equal(
            """
            {
              "utc": "2026-03-29T00:30:00.000Z",
              "local": "2026-03-29T01:30:00.000+01:00",
              "tz": "Europe/Berlin"
            }
            """, winter);
        Assert.Equal("2026-03-29T03:00:00.000+02:00", summer.Local);
    }
}
