using FsCheck;
using FsCheck.Fluent;
using OrleansScheduler.Scheduling;

namespace OrleansScheduler.PropertyTests.Generators;

/// <summary>Time zone ids: every zone this machine knows (IANA ids on Linux), variants of them, and bogus ones.</summary>
public static class TimeZoneGen
{
    /// <summary>
    /// The ids of every system time zone that is an IANA zone, plus <c>UTC</c>. The host's database also lists files such
    /// as <c>right/UTC</c> and <c>posix/…</c>, which the validator refuses (they are not IANA ids): a "known" zone must be
    /// one a job may name.
    /// </summary>
    public static IReadOnlyList<string> SystemIds { get; } =
        [.. TimeZoneInfo.GetSystemTimeZones().Select(z => z.Id).Append("UTC").Distinct(StringComparer.Ordinal).Where(id => TimeZones.TryFind(id, []) is not null)];

    /// <summary>A known zone.</summary>
    public static Gen<string> Known { get; } = Gen.Frequency<string>(
        (1, Gen.Elements("UTC", "Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "Asia/Kolkata", "Pacific/Chatham")),
        (3, Gen.Elements<string>(SystemIds)));

    /// <summary>Any id: known, altered (case, padding, path tricks), Windows-style, garbage or null.</summary>
    public static Gen<string?> Any { get; } = Gen.Frequency(
        (6, Known.Select(id => (string?)id)),
        (2, Known.SelectMany(Altered)),
        (2, Gen.Elements<string?>(
            null, "", " ", "Mars/Olympus", "Nowhere/Land", "Europe/", "/Europe/Berlin", "../../../../etc/passwd", "Europe/../UTC",
            "UTC\0", "Local", "GMT+1", "UTC+01:00", "+01:00", "Z", "W. Europe Standard Time", "Eastern Standard Time", new string('a', 300))),
        (1, TextGen.Garbage.Select(s => (string?)s)),
        (1, TextGen.WithLoneSurrogate.Select(s => (string?)s)));

    private static Gen<string?> Altered(string id) => Gen.Elements<string?>(
        id.ToLowerInvariant(), id.ToUpperInvariant(), " " + id, id + " ", id + "\n", id.Replace('/', '\\'), id + "/x", id[..^1]);
}
