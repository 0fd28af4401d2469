using OrleansScheduler.Redis;
using StackExchange.Redis;

namespace OrleansScheduler.Cli.Cluster;

/// <summary>
/// Reads the silo's index of job ids: the Redis sorted set <see cref="SchedulerKeys.Jobs"/>, whose members are the job
/// ids (score 0). The silo library writes it; osched only reads it.
/// </summary>
internal static class JobIndex
{
    /// <summary>How many ids one <c>ZRANGE</c> reads.</summary>
    public const int PageSize = 1000;

    /// <summary>
    /// Reads every id, <see cref="PageSize"/> at a time by rank. Ids added while reading may be missed and a page may
    /// shift when ids are removed; an id is returned at most once.
    /// </summary>
    public static async Task<IReadOnlyList<string>> ReadAllAsync(IDatabaseAsync database, string serviceId, CancellationToken cancellationToken)
    {
        RedisKey key = new SchedulerKeys(serviceId).Jobs;
        var ids = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (long start = 0; ; start += PageSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var page = await database.SortedSetRangeByRankAsync(key, start, start + PageSize - 1).ConfigureAwait(false);
            foreach (var member in page)
            {
                var id = member.ToString();
                if (seen.Add(id))
                {
                    ids.Add(id);
                }
            }

            if (page.Length < PageSize)
            {
                return ids;
            }
        }
    }
}
