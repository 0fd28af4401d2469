namespace OrleansScheduler.Scheduling;

/// <summary>Resolves IANA time zone ids.</summary>
public static class TimeZones
{
    // Zones whose .NET rules use negative daylight saving time (standard time in summer), which Cronos mishandles at
    // the spring change, mapped to a zone with the same UTC offsets at every future instant and conventional rules.
    private static readonly Dictionary<string, string> CronEquivalents = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Europe/Dublin"] = "Europe/London",
        ["Eire"] = "Europe/London",
    };

    /// <summary>The zone to evaluate cron expressions in for <paramref name="zone"/>: itself, or an equivalent one Cronos handles correctly.</summary>
    public static TimeZoneInfo ForCron(TimeZoneInfo zone) =>
        CronEquivalents.TryGetValue(zone.Id, out var equivalent) && TimeZoneInfo.TryFindSystemTimeZoneById(equivalent, out var substitute)
            ? substitute
            : zone;

    /// <summary>Finds a time zone, adding a message to <paramref name="errors"/> when the id is unknown.</summary>
    public static TimeZoneInfo? TryFind(string? id, ICollection<string> errors)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            errors.Add("tz: is empty; expected an IANA time zone such as UTC or Europe/Berlin");
            return null;
        }

        if (TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone))
        {
            return zone;
        }

        errors.Add($"tz: \"{id}\" is not a known IANA time zone (e.g. UTC, Europe/Berlin, America/New_York)");
        return null;
    }
}
