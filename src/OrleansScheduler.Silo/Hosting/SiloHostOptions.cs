namespace OrleansScheduler.Silo.Hosting;

/// <summary>How the silo process joins its cluster and where it listens. Bound from the <c>Scheduler</c> section.</summary>
public sealed class SiloHostOptions
{
    /// <summary>The configuration section shared with the scheduler's own options.</summary>
    public const string SectionName = "Scheduler";

    /// <summary>Default of <see cref="ServiceId"/> and <see cref="ClusterId"/>.</summary>
    public const string DefaultId = "orleans-scheduler";

    /// <summary>Redis configuration string. Default <c>localhost:6379</c>.</summary>
    public string Redis { get; set; } = "localhost:6379";

    /// <summary>Port for silo-to-silo traffic. Default 11111.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Port clients (osched, applications) connect to. Default 30000.</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>Port of the dashboard, health and HTTP endpoints. Default 8080.</summary>
    public int HttpPort { get; set; } = 8080;

    /// <summary>
    /// The address other silos and clients reach this silo at: an IP, or a host name resolved at start.
    /// Default 127.0.0.1 (one machine). Set it when silos run on several machines or containers.
    /// </summary>
    public string AdvertisedIp { get; set; } = "127.0.0.1";

    /// <summary>
    /// How long a silo waits for a liveness probe answer; three missed probes declare a silo dead, so a crashed
    /// silo's jobs move after about three times this. Default 2 s (Orleans' own default is 5 s): a scheduler should
    /// notice a crash quickly. Raise it on slow or congested networks, where a too-short timeout can declare a live
    /// silo dead (Orleans still extends it while a silo is itself starved of CPU).
    /// </summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// When set, the HTTP API's mutating endpoints require this key in the <c>X-Api-Key</c> header. Default: none
    /// (open). Never logged.
    /// </summary>
    public string? ApiKey { get; set; }

    /// <summary>The Orleans service id: prefixes every Redis key, so several services can share one Redis. Default <c>orleans-scheduler</c>.</summary>
    public string ServiceId { get; set; } = DefaultId;

    /// <summary>The Orleans cluster id: silos with the same one form a cluster. Default <c>orleans-scheduler</c>.</summary>
    public string ClusterId { get; set; } = DefaultId;
}
