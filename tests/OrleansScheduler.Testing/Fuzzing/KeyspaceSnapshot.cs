using System.Globalization;
using System.Security.Cryptography;
using StackExchange.Redis;

namespace OrleansScheduler.Testing.Fuzzing;

/// <summary>
/// The whole Redis keyspace at one moment, element by element: a string key's value, each hash field, set member,
/// sorted-set member (with its score) and list element (with its count), each as a digest. Comparing two says which
/// elements a request added or changed, also inside the shared hashes and sorted sets every job has a field in.
/// </summary>
public sealed class KeyspaceSnapshot
{
    private readonly Dictionary<string, string> _entries;

    private KeyspaceSnapshot(Dictionary<string, string> entries) => _entries = entries;

    /// <summary>How many elements it holds.</summary>
    public int Count => _entries.Count;

    /// <summary>Reads every key of database 0 (<c>SCAN</c>, then a read per key by its type).</summary>
    public static async Task<KeyspaceSnapshot> TakeAsync(IConnectionMultiplexer redis)
    {
        ArgumentNullException.ThrowIfNull(redis);
        var server = redis.GetServers()[0];
        var database = redis.GetDatabase();
        var entries = new Dictionary<string, string>(StringComparer.Ordinal);
        await foreach (var key in server.KeysAsync(pattern: "*", pageSize: 1000).ConfigureAwait(false))
        {
            var name = key.ToString();
            switch (await database.KeyTypeAsync(key).ConfigureAwait(false))
            {
                case RedisType.String:
                    entries[name] = Digest(await database.StringGetAsync(key).ConfigureAwait(false));
                    break;
                case RedisType.Hash:
                    foreach (var field in await database.HashGetAllAsync(key).ConfigureAwait(false))
                    {
                        entries[$"{name}#{field.Name}"] = Digest(field.Value);
                    }

                    break;
                case RedisType.Set:
                    foreach (var member in await database.SetMembersAsync(key).ConfigureAwait(false))
                    {
                        entries[$"{name}#{member}"] = "member";
                    }

                    break;
                case RedisType.SortedSet:
                    foreach (var member in await database.SortedSetRangeByRankWithScoresAsync(key).ConfigureAwait(false))
                    {
                        entries[$"{name}#{member.Element}"] = member.Score.ToString("R", CultureInfo.InvariantCulture);
                    }

                    break;
                case RedisType.List:
                    foreach (var group in (await database.ListRangeAsync(key).ConfigureAwait(false)).GroupBy(e => e.ToString()))
                    {
                        entries[$"{name}#{group.Key}"] = group.Count().ToString(CultureInfo.InvariantCulture);
                    }

                    break;
                case RedisType.None:
                    // Expired or deleted between SCAN and the read.
                    break;
                default:
                    entries[name] = Digest(await database.KeyDumpAsync(key).ConfigureAwait(false));
                    break;
            }
        }

        return new KeyspaceSnapshot(entries);
    }

    /// <summary>
    /// The elements this snapshot has that <paramref name="before"/> did not, or holds with another value, named
    /// <c>key</c> or <c>key#field</c>. Removed elements are not listed: keys expire by themselves (occurrence claims,
    /// dead letters past their retention).
    /// </summary>
    public IReadOnlyList<string> WrittenSince(KeyspaceSnapshot before)
    {
        ArgumentNullException.ThrowIfNull(before);
        return [.. _entries.Where(e => !before._entries.TryGetValue(e.Key, out var old) || old != e.Value).Select(e => e.Key).Order(StringComparer.Ordinal)];
    }

    private static string Digest(RedisValue value) => value.IsNull ? "null" : Digest((byte[])value!);

    private static string Digest(byte[]? bytes) => bytes is null ? "null" : Convert.ToHexString(SHA256.HashData(bytes));
}
