namespace OrleansScheduler.Testing;

/// <summary>Which bytes a <see cref="FaultProxy"/> forwards at the moment.</summary>
public enum FaultProxyMode
{
    /// <summary>Everything is forwarded, both directions (the default, and the state after <see cref="FaultProxy.Resume"/>).</summary>
    Forwarding,

    /// <summary>
    /// Nothing is forwarded in either direction; the connections stay open and the bytes wait (<see cref="FaultProxy.Stall"/>).
    /// </summary>
    Stalled,

    /// <summary>
    /// Client-to-server bytes are forwarded, server-to-client bytes wait (<see cref="FaultProxy.HoldReplies"/>).
    /// </summary>
    RepliesHeld,
}
