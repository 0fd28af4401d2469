using System.Globalization;
using StackExchange.Redis;

namespace OrleansScheduler.Benchmarks.Measurement;

/// <summary>What <c>INFO</c> says about the Redis server: memory in use, CPU time used so far, version.</summary>
internal readonly record struct RedisStats(long UsedMemoryBytes, long DatasetBytes, TimeSpan CpuTime, string Version, long Timestamp)
{
    /// <summary>Reads <c>INFO memory</c>, <c>INFO cpu</c> and <c>INFO server</c>.</summary>
    public static async Task<RedisStats> ReadAsync(IConnectionMultiplexer connection)
    {
        var server = connection.GetServer(connection.GetEndPoints()[0]);
        var info = (await server.InfoAsync().ConfigureAwait(false))
            .SelectMany(section => section)
            .GroupBy(pair => pair.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Value, StringComparer.Ordinal);
        return new RedisStats(
            Long(info, "used_memory"),
            Long(info, "used_memory_dataset"),
            TimeSpan.FromSeconds(Double(info, "used_cpu_user") + Double(info, "used_cpu_sys")),
            info.GetValueOrDefault("redis_version") ?? "?",
            System.Diagnostics.Stopwatch.GetTimestamp());
    }

    /// <summary>CPU Redis used between <paramref name="earlier"/> and this reading, in % of one core.</summary>
    public double CpuPercentSince(RedisStats earlier)
    {
        var wall = System.Diagnostics.Stopwatch.GetElapsedTime(earlier.Timestamp, Timestamp);
        return wall <= TimeSpan.Zero ? 0 : (CpuTime - earlier.CpuTime) / wall * 100;
    }

    private static long Long(Dictionary<string, string> info, string key) =>
        info.TryGetValue(key, out var text) && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : 0;

    private static double Double(Dictionary<string, string> info, string key) =>
        info.TryGetValue(key, out var text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : 0;
}
