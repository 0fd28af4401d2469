using OrleansScheduler.Validation;

namespace OrleansScheduler.Scheduling;

/// <summary>Resolves IANA time zone ids.</summary>
public static class TimeZones
{
    // Files of the host's zone database that load as zones but are not IANA zone ids: the host's own zone (so two
    // hosts configured differently would fire the same job at different instants), the POSIX default rules, the
    // placeholder zone, and the copies with and without leap seconds under posix/ and right/.
    private static readonly string[] HostNames = ["localtime", "posixrules", "Factory"];
    private static readonly string[] HostFolders = ["posix/", "right/"];

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

    /// <summary>
    /// Finds a time zone by IANA id, adding a message to <paramref name="errors"/> when the id is empty, holds a control
    /// character, is unknown, or is not an IANA id (a Windows id, or a host file such as <c>localtime</c>).
    /// </summary>
    public static TimeZoneInfo? TryFind(string? id, ICollection<string> errors)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            errors.Add("tz: is empty; expected an IANA time zone such as UTC or Europe/Berlin");
            return null;
        }

        if (!ControlCharacters.Check("tz", id, errors))
        {
            return null;
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone))
        {
            errors.Add($"tz: \"{id}\" is not a known IANA time zone (e.g. UTC, Europe/Berlin, America/New_York)");
            return null;
        }

        // .NET also finds Windows ids (converted through ICU) and any zone file of the host's database.
        if (!zone.HasIanaId || IsHostSpecific(id))
        {
            errors.Add($"tz: \"{id}\" is not an IANA time zone id but {(zone.HasIanaId ? "a file of this host's zone database" : "a Windows id")}; use an IANA id such as UTC, Europe/Berlin or America/New_York");
            return null;
        }

        return zone;
    }

    private static bool IsHostSpecific(string id) =>
        HostNames.Any(name => id.Equals(name, StringComparison.OrdinalIgnoreCase)) ||
        HostFolders.Any(folder => id.StartsWith(folder, StringComparison.OrdinalIgnoreCase));
}
