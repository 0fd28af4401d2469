namespace OrleansScheduler.Scheduling;

/// <summary>Resolves IANA time zone ids.</summary>
public static class TimeZones
{
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
