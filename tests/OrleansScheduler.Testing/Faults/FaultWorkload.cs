using System.Text.Json.Nodes;

namespace OrleansScheduler.Testing.Faults;

/// <summary>
/// The jobs of a <see cref="FaultRun"/>, all with the built-in <c>http</c> handler calling the run's
/// <see cref="RunReceiver"/> (which answers after 200–1200 ms, so that runs are in flight when a fault hits): interval
/// jobs every second anchored at a whole second, cron jobs every second in other time zones, and one-shots at random
/// instants of the fault window. Recurring occurrences thus fall on whole seconds.
/// </summary>
internal sealed class FaultWorkload
{
    private static readonly string[] Zones = ["Europe/Berlin", "America/New_York", "Asia/Tokyo", "Australia/Sydney"];

    private FaultWorkload(IReadOnlyList<JsonObject> entries, IReadOnlyList<string> recurring, IReadOnlyDictionary<string, DateTimeOffset> oneShots)
    {
        Entries = entries;
        Recurring = recurring;
        OneShots = oneShots;
    }

    /// <summary>The entries of the <c>osched apply</c> file.</summary>
    public IReadOnlyList<JsonObject> Entries { get; }

    /// <summary>The ids of the jobs that fire every second.</summary>
    public IReadOnlyList<string> Recurring { get; }

    /// <summary>The one-shots by id, with when each is due.</summary>
    public IReadOnlyDictionary<string, DateTimeOffset> OneShots { get; }

    /// <summary>The whole seconds in (<paramref name="from"/>, <paramref name="to"/>]: the occurrences of a recurring job in that span.</summary>
    public static IEnumerable<DateTimeOffset> Seconds(DateTimeOffset from, DateTimeOffset to)
    {
        var second = new DateTimeOffset(from.UtcTicks - (from.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero).AddSeconds(1);
        for (; second <= to; second = second.AddSeconds(1))
        {
            yield return second;
        }
    }

    public static FaultWorkload Create(FaultRunOptions options, Random random, DateTimeOffset anchor, DateTimeOffset oneShotsFrom, DateTimeOffset oneShotsTo, Func<int, string> url)
    {
        var entries = new List<JsonObject>();
        var recurring = new List<string>();
        for (var i = 0; i < options.IntervalJobs; i++)
        {
            var id = $"iv-{i:00}";
            recurring.Add(id);
            entries.Add(new JsonObject { ["id"] = id, ["every"] = "1s", ["start"] = InstantFormat.Format(anchor), ["handler"] = "http", ["payload"] = Payload(url(Sleep(random))) });
        }

        for (var i = 0; i < options.CronJobs; i++)
        {
            var id = $"cr-{i:00}";
            recurring.Add(id);
            entries.Add(new JsonObject { ["id"] = id, ["cron"] = "* * * * * *", ["tz"] = Zones[i % Zones.Length], ["handler"] = "http", ["payload"] = Payload(url(Sleep(random))) });
        }

        var oneShots = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        var span = (oneShotsTo - oneShotsFrom).TotalMilliseconds;
        for (var i = 0; i < options.OneShots; i++)
        {
            var id = $"os-{i:00000}";
            var at = InstantFormat.ToWholeMilliseconds(oneShotsFrom + TimeSpan.FromMilliseconds(random.NextDouble() * span));
            oneShots[id] = at;
            entries.Add(new JsonObject { ["id"] = id, ["at"] = InstantFormat.Format(at), ["handler"] = "http", ["payload"] = Payload(url(Sleep(random))) });
        }

        return new FaultWorkload(entries, recurring, oneShots);
    }

    private static int Sleep(Random random) => 200 + random.Next(1001);

    private static JsonObject Payload(string url) => new() { ["url"] = url, ["method"] = "POST", ["timeout"] = "60s" };
}
