using System.Globalization;
using System.Text.Json.Nodes;
using OrleansScheduler.Redis;
using StackExchange.Redis;

namespace OrleansScheduler.FaultTests.Support;

/// <summary>The cluster's Redis side: restarting it, finding its pid, and reading the scheduler's keys directly.</summary>
public sealed partial class FaultCluster
{
    /// <summary>Starts redis-server again on its port and directory; returns once it answers PING after loading its AOF.</summary>
    public Task RestartRedisAsync() => Redis.RestartAsync();

    /// <summary>The process Redis runs as (from <c>INFO server</c>), to freeze and thaw.</summary>
    public async Task<int> GetRedisPidAsync()
    {
        var redis = await RedisClientAsync();
        var info = await redis.GetServer(redis.GetEndPoints()[0]).InfoAsync("server");
        var pid = info.SelectMany(group => group).First(pair => pair.Key == "process_id").Value;
        return int.Parse(pid, CultureInfo.InvariantCulture);
    }

    /// <summary>A connection to Redis for inspecting keys (reconnects on its own after Redis restarts).</summary>
    public async Task<ConnectionMultiplexer> RedisClientAsync() =>
        _redisClient ??= await ConnectionMultiplexer.ConnectAsync(Redis.ConnectionString + ",allowAdmin=true,abortConnect=false,connectRetry=5");

    /// <summary>The scheduler's key names in this cluster's Redis.</summary>
    public SchedulerKeys Keys => new(ServiceId);

    /// <summary>The processing list(s) of silo <paramref name="index"/>: every key <see cref="SchedulerKeys.Processing"/> of <c>127.0.0.1:{siloPort}@*</c>.</summary>
    public async Task<ProcessingList> ReadProcessingListAsync(int index)
    {
        var redis = await RedisClientAsync();
        var server = redis.GetServer(redis.GetEndPoints()[0]);
        var keys = new List<string>();
        await foreach (var key in server.KeysAsync(pattern: Keys.ProcessingPrefix + SiloOptions[index].SiloAddressPrefix + "*", pageSize: 500))
        {
            keys.Add(key!);
        }

        var runIds = new List<string>();
        foreach (var key in keys.Order(StringComparer.Ordinal))
        {
            runIds.AddRange((await redis.GetDatabase().ListRangeAsync(key)).Select(ReadRunId));
        }

        return new ProcessingList(keys, runIds);
    }

    /// <summary>
    /// The Orleans membership table (the hash <c>{serviceId}/members/{clusterId}</c> that Orleans' Redis clustering keeps):
    /// one row per silo incarnation that ever joined, in silo-address order. Shows when the cluster has declared a silo
    /// dead, independently of any silo's own view.
    /// </summary>
    public async Task<IReadOnlyList<MembershipRow>> ReadMembershipAsync()
    {
        var redis = await RedisClientAsync();
        var fields = await redis.GetDatabase().HashGetAllAsync($"{ServiceId}/members/{ClusterId}");
        return [.. fields
            .Where(field => ((string)field.Name!).StartsWith('S'))
            .Select(field => MembershipRow.From((string)field.Value!))
            .OrderBy(row => row.Silo, StringComparer.Ordinal)];
    }

    /// <summary>The membership rows of silo <paramref name="index"/>: every incarnation on its silo port.</summary>
    public async Task<IReadOnlyList<MembershipRow>> ReadMembershipAsync(int index) =>
        [.. (await ReadMembershipAsync()).Where(row => row.Silo.StartsWith(SiloOptions[index].SiloAddressPrefix, StringComparison.Ordinal))];

    /// <summary>
    /// Moves up to <paramref name="count"/> of the oldest runs of the default queue into the processing list of
    /// <paramref name="silo"/> (a name as in <see cref="MembershipRow.Silo"/>), as that silo's fetch would: one
    /// <c>LMOVE</c> each, and the list registered in <see cref="SchedulerKeys.ProcessingLists"/> in the same script. Stands
    /// for runs a silo takes in the moments before it learns that the cluster declared it dead. Returns their run ids.
    /// </summary>
    public async Task<IReadOnlyList<string>> TakeRunsAsFetchAsync(string silo, int count)
    {
        // The library's FetchScript (Redis/Scripts/FetchScript.cs) with positions for its names: the fault tests reference
        // the programs under test only as processes.
        const string Fetch = """
            local moved = {}
            for i = 1, tonumber(ARGV[1]) do
              local run = redis.call('LMOVE', KEYS[1], KEYS[2], 'RIGHT', 'LEFT')
              if not run then
                break
              end
              moved[i] = run
            end
            if #moved > 0 then
              redis.call('HSETNX', KEYS[3], ARGV[2], ARGV[3])
            end
            return moved
            """;
        var redis = await RedisClientAsync();
        var moved = (RedisValue[])(await redis.GetDatabase().ScriptEvaluateAsync(
            Fetch,
            [Keys.Queue("default"), Keys.Processing(silo), Keys.ProcessingLists],
            [count, silo, ClusterId]))!;
        return [.. moved.Select(ReadRunId)];
    }

    /// <summary>The run ids waiting in a queue, oldest first.</summary>
    public async Task<IReadOnlyList<string>> ReadQueueAsync(string queue = "default")
    {
        var redis = await RedisClientAsync();
        var values = await redis.GetDatabase().ListRangeAsync(Keys.Queue(queue));
        return [.. values.Reverse().Select(ReadRunId)];
    }

    private static string ReadRunId(RedisValue raw)
    {
        try
        {
            return (string?)JsonNode.Parse((string)raw!)?["runId"] ?? $"(no runId: {raw})";
        }
        catch (System.Text.Json.JsonException)
        {
            return $"(not JSON: {raw})";
        }
    }
}
