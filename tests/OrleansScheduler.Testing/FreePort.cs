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
}
