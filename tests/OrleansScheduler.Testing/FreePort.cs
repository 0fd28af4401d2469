using System.Net;
using System.Net.Sockets;

namespace OrleansScheduler.Testing;

/// <summary>Finds TCP ports nobody listens on, so parallel runs on one machine do not collide.</summary>
public static class FreePort
{
    private static readonly HashSet<int> Handed = [];

    /// <summary>Returns a port that was free a moment ago and has not been handed out by this process before.</summary>
    public static int Next()
    {
        lock (Handed)
        {
            while (true)
            {
                using var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                var port = ((IPEndPoint)listener.LocalEndpoint).Port;
                listener.Stop();
                if (Handed.Add(port))
                {
                    return port;
                }
            }
        }
    }

    /// <summary>
    /// Returns <paramref name="preferred"/> when it is free, else the first free port above it (at most
    /// <paramref name="span"/> above, and never above 65535), never one this process handed out before.
    /// </summary>
    /// <exception cref="InvalidOperationException">Every port in the range is taken.</exception>
    public static int FromPreferred(int preferred, int span = 1000)
    {
        var last = Math.Min(preferred + span, IPEndPoint.MaxPort);
        lock (Handed)
        {
            for (var port = preferred; port <= last; port++)
            {
                if (!Handed.Contains(port) && !IsInUse(port))
                {
                    Handed.Add(port);
                    return port;
                }
            }
        }

        throw new InvalidOperationException($"no free TCP port in {preferred}..{last}");
    }

    /// <summary>
    /// True when a process listens on (or holds) TCP <paramref name="port"/> on this host: a bind to <c>0.0.0.0</c> with
    /// <c>SO_REUSEADDR</c>, as servers (redis-server, Kestrel, Orleans) bind, fails for a listener on any IPv4 address or
    /// a dual-stack IPv6 listener, but not for connections a server that just stopped left in TIME_WAIT.
    /// </summary>
    public static bool IsInUse(int port)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        if (OperatingSystem.IsLinux())
        {
            // SO_REUSEADDR alone (SOL_SOCKET 1, SO_REUSEADDR 2): .NET's ReuseAddress also sets SO_REUSEPORT on Linux,
            // which would let this bind succeed next to a listener that set SO_REUSEPORT too.
            socket.SetRawSocketOption(1, 2, BitConverter.GetBytes(1));
        }
        else
        {
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        }

        try
        {
            socket.Bind(new IPEndPoint(IPAddress.Any, port));
            return false;
        }
        catch (SocketException)
        {
            return true;
        }
    }
}
