using Cronos;

namespace OrleansScheduler.PropertyTests.Oracles;

/// <summary>Occurrences of a cron schedule as Cronos itself gives them, iterating <see cref="CronExpression.GetNextOccurrence(DateTimeOffset, TimeZoneInfo, bool)"/>.</summary>
public sealed class CronOracle
{
    private readonly CronExpression _expression;
    private readonly TimeZoneInfo _zone;

    /// <summary>Parses <paramref name="expression"/> under the field-count rule; it must be valid.</summary>
    public CronOracle(string expression, string zone)
    {
        _expression = SpecOracle.ParseCron(expression) ?? throw new ArgumentException($"not a valid cron expression: \"{expression}\"", nameof(expression));
        // The one piece of product behaviour the oracle shares: zones Cronos mishandles are evaluated in a documented
        // equivalent (Europe/Dublin as Europe/London), so the comparison is with Cronos on the zone actually used.
        _zone = Scheduling.TimeZones.ForCron(TimeZoneInfo.FindSystemTimeZoneById(zone));
    }

    /// <summary>Cronos' first occurrence strictly after <paramref name="after"/>, or null.</summary>
    public static DateTimeOffset? Next(string expression, string zone, DateTimeOffset after) => new CronOracle(expression, zone).Next(after);

    /// <summary>Cronos' first occurrence strictly after <paramref name="after"/>, or null.</summary>
    public DateTimeOffset? Next(DateTimeOffset after) => _expression.GetNextOccurrence(after, _zone);

    /// <summary>The occurrences in (<paramref name="fromExclusive"/>, <paramref name="toInclusive"/>], oldest first, at most <paramref name="limit"/>.</summary>
    public List<DateTimeOffset> Between(DateTimeOffset fromExclusive, DateTimeOffset toInclusive, int limit)
    {
        var result = new List<DateTimeOffset>();
        var cursor = fromExclusive;
        while (result.Count < limit && Next(cursor) is { } next && next <= toInclusive)
        {
            result.Add(next);
            cursor = next;
        }

        return result;
    }
}
