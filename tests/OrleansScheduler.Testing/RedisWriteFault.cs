using StackExchange.Redis;

namespace OrleansScheduler.Testing;

/// <summary>
/// Makes a <see cref="RedisServer"/> refuse writes to some keys, until disposed: a precise, real failure of the real
/// path. The command reaches Redis and fails there (<c>NOPERM</c>, surfaced by StackExchange.Redis as a
/// <see cref="RedisServerException"/>), inside a Lua script as well as outside, while every other key keeps working.
/// It works through Redis ACLs on the <c>default</c> user, which every client of the server uses (the silos, the
/// scheduler, the test's own connections); commands, reads and pub/sub stay allowed, so the fault can always be lifted.
/// </summary>
/// <example>
/// Only reminder writes fail (job state and the scheduler's keys stay writable):
/// <code>
/// await using (await RedisWriteFault.AllowOnlyAsync(redis, $"{serviceId}/state/*", new SchedulerKeys(serviceId).Prefix + "*"))
/// {
///     await Assert.ThrowsAnyAsync&lt;Exception&gt;(() => job.Schedule(spec));
/// }
/// </code>
/// </example>
public sealed class RedisWriteFault : IAsyncDisposable
{
    private readonly ConnectionMultiplexer _admin;

    private RedisWriteFault(ConnectionMultiplexer admin) => _admin = admin;

    /// <summary>
    /// From now on, writes succeed only to keys matching one of <paramref name="writablePatterns"/> (Redis glob patterns,
    /// as in <c>KEYS</c>); writes to every other key fail. Plain reads of every key still succeed; a Lua script that
    /// declares a key outside the patterns fails even if it only reads it (Redis checks a script's keys for both).
    /// </summary>
    /// <exception cref="ArgumentException">No pattern was given (that would make every key read-only; name one).</exception>
    public static async Task<RedisWriteFault> AllowOnlyAsync(RedisServer server, params string[] writablePatterns)
    {
        ArgumentNullException.ThrowIfNull(server);
        if (writablePatterns is not { Length: > 0 })
        {
            throw new ArgumentException("name at least one writable key pattern", nameof(writablePatterns));
        }

        var admin = await server.ConnectAsync().ConfigureAwait(false);
        try
        {
            // %R~* reads every key; ~pattern reads and writes these. (Not %W~: a script's declared keys need read and
            // write from one pattern.) ACL changes apply to connections already open.
            await SetDefaultUserAsync(admin, ["%R~*", .. writablePatterns.Select(p => "~" + p)]).ConfigureAwait(false);
            return new RedisWriteFault(admin);
        }
        catch
        {
            await admin.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Lifts the fault: every key is writable again.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await SetDefaultUserAsync(_admin, ["~*"]).ConfigureAwait(false);
        }
        finally
        {
            await _admin.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static Task SetDefaultUserAsync(ConnectionMultiplexer admin, IEnumerable<string> keyRules)
    {
        var server = admin.GetServer(admin.GetEndPoints()[0]);
        object[] arguments = ["SETUSER", "default", "resetkeys", .. keyRules];
        return server.ExecuteAsync("ACL", arguments);
    }
}
