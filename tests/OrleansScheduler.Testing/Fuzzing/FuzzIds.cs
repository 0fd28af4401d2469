using System.Globalization;

namespace OrleansScheduler.Testing.Fuzzing;

/// <summary>Job ids and run ids for routes and bodies: plain ones and hostile ones (path traversal, encodings, control characters, overlong).</summary>
public static class FuzzIds
{
    /// <summary>Ids as they go into a URL path (already percent-encoded where a raw character could not be sent).</summary>
    public static IReadOnlyList<string> Hostile { get; } =
    [
        "..%2F..", "..%2F..%2Fetc%2Fpasswd", "%2e%2e", "..", ".", "a%2Fb", "a%5Cb", "%00", "a%00b", "%FF", "%C0%AE", "%E2%80%AE",
        "%0D%0ASet-Cookie:x", "%20", "a%20b", "%25", "%7B%7D", "*", "a:b", "a@b", "a.b-c_d", "%F0%9F%98%80", "%C3%A9",
        new string('a', 200), new string('a', 201), new string('x', 5000), "CON", "null", "undefined", "%2A",
    ];

    /// <summary>A plain id of the run, hostile one, or one of <paramref name="existing"/>.</summary>
    public static string Next(Random random, IReadOnlyList<string> existing)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentNullException.ThrowIfNull(existing);
        return random.Next(10) switch
        {
            < 4 => "fz-" + random.Next(1000).ToString(CultureInfo.InvariantCulture),
            < 6 when existing.Count > 0 => FuzzMutator.Pick(random, existing),
            _ => FuzzMutator.Pick(random, Hostile),
        };
    }
}
