using OrleansScheduler.PropertyTests.Oracles;

namespace OrleansScheduler.PropertyTests.Support;

/// <summary>
/// Product bugs these properties found, each with its minimal counterexample. All are fixed; each has a regression
/// fact asserting the right outcome for its counterexample. <see cref="HitsCronStall"/> remains: where Cronos itself
/// fails to advance, comparisons with Cronos are left out (the product steps past such an instant).
/// </summary>
public static class KnownBugs
{
    /// <summary>
    /// True when Cronos' own first <paramref name="count"/> occurrences after <paramref name="after"/> fail to
    /// increase strictly.
    /// </summary>
    public static bool HitsCronStall(CronOracle cron, DateTimeOffset after, int count)
    {
        var previous = after;
        for (var i = 0; i < count && cron.Next(previous) is { } next; i++)
        {
            if (next <= previous)
            {
                return true;
            }

            previous = next;
        }

        return false;
    }

    /// <summary>True when a sequence Cronos gave fails to increase strictly from <paramref name="after"/> on.</summary>
    public static bool Stalls(IReadOnlyList<DateTimeOffset> occurrences, DateTimeOffset after)
    {
        var previous = after;
        foreach (var occurrence in occurrences)
        {
            if (occurrence <= previous)
            {
                return true;
            }

            previous = occurrence;
        }

        return false;
    }
}
