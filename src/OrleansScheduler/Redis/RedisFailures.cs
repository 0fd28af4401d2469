using System.Net.Sockets;
using StackExchange.Redis;

namespace OrleansScheduler.Redis;

/// <summary>
/// The one place that knows which exceptions mean "Redis could not be reached or answered, try again later". Every loop
/// and grain that retries Redis work classifies failures here, so none of them misses a kind and stops for good.
/// </summary>
/// <remarks>
/// StackExchange.Redis reports an unreachable or frozen server in several shapes: <see cref="RedisException"/>
/// (<see cref="RedisTimeoutException"/>, <see cref="RedisConnectionException"/>, and <see cref="RedisServerException"/>
/// for errors such as <c>LOADING</c>, <c>BUSY</c>, <c>READONLY</c> or <c>OOM</c>), a plain <see cref="TimeoutException"/>,
/// an <see cref="IOException"/> (<c>Pipelines.Sockets.Unofficial.ConnectionResetException</c> when a connection is reset
/// under a command), a <see cref="SocketException"/>, and a <see cref="TaskCanceledException"/> for a command in flight
/// when the multiplexer gives up on a silent connection. Orleans' Redis providers wrap the same failures in their own
/// exceptions (grain storage, reminders), whose inner exception is one of these.
/// </remarks>
internal static class RedisFailures
{
    /// <summary>
    /// Whether <paramref name="exception"/> (or, for a wrapper, its inner exception) is a transient Redis failure. A
    /// cancellation counts only when it is not <paramref name="stopping"/>'s own: the caller stopping is not a failure.
    /// </summary>
    public static bool IsTransient(Exception exception, CancellationToken stopping = default)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case RedisException or TimeoutException or IOException or SocketException:
                    return true;
                case OperationCanceledException:
                    return !stopping.IsCancellationRequested;
            }
        }

        return false;
    }
}
