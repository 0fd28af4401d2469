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
    /// How long a silo waits for a liveness probe answer at first; Orleans then adapts the timeout to the round trips
    /// it measures, between half this and <see cref="MaxProbeTimeout"/>. Three missed probes declare a silo dead, so a
    /// crashed silo's jobs move after about three times this or less (2.1–2.8 s measured on 2 cores). Default 2 s
    /// (Orleans' own default is 5 s): a scheduler should notice a crash quickly. Raise it on slow or congested networks,
    /// where a too-short timeout can declare a live silo dead (Orleans does not count a probe that failed while the
    /// probing silo itself was stalled, nor one relayed by a silo that is itself unhealthy).
    /// </summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The longest a liveness probe may wait once Orleans has adapted its timeout (or extended it while the probing silo
    /// is short of CPU), and so how long a silo that answers no probe must also have sent nothing at all before it is
    /// declared dead: Orleans withholds the suspicion vote against a silo whose connection received any message within
    /// <c>MaxProbeTimeout × 3</c> (its connection liveness check, <see cref="ConnectionLivenessCheck"/>). A crashed
    /// silo's connections close, so the check never holds it up; a frozen silo's (SIGSTOP, a long GC pause, a stopped VM
    /// or container) stay open and silent, so this sets how long a frozen silo keeps its jobs.
    /// Default (null): equal to <see cref="ProbeTimeout"/>, a 6 s window. Measured on 2 cores with 3 silos: a frozen
    /// silo is declared dead 5.5–6.4 s after SIGSTOP (6.2–7.4 s with two CPU burners running); a pause of up to 5 s was
    /// always survived, one of 6–7 s in 6 of 8 tries (the probes' phase decides), one of 8 s never; no live silo was
    /// declared dead (nor missed a probe) under 5–6 minutes of bursts of 5,000 one-shot jobs every ~14 s with CPU
    /// burners beside them (load average 9–17 on 2 cores).
    /// Orleans' own default, 4 × <see cref="ProbeTimeout"/>, made the window 24 s: a frozen silo took 23.7–24.2 s here
    /// and 24–30 s in the fault run (N5), every job on it waiting as long. Raise it where pauses longer than about 5 s
    /// are normal and must not cost a silo its membership. Must be at least <see cref="ProbeTimeout"/>.
    /// </summary>
    public TimeSpan? MaxProbeTimeout { get; set; }

    /// <summary>
    /// Whether Orleans withholds suspicion votes against a silo that misses probes while its connection has received a
    /// message within <c><see cref="MaxProbeTimeout"/> × 3</c> (Orleans' <c>EnableConnectionLivenessCheck</c>).
    /// Default true. Turned off, a frozen silo is declared dead about as fast as a crashed one (3.2–4.2 s measured on
    /// 2 cores), but so is a live silo that pauses for as long (a 3.5 s pause was fatal, a 3 s one survived).
    /// </summary>
    public bool ConnectionLivenessCheck { get; set; } = true;

    /// <summary>The effective <see cref="MaxProbeTimeout"/>: the one set, or <see cref="ProbeTimeout"/>.</summary>
    /// <exception cref="InvalidOperationException">It is set below <see cref="ProbeTimeout"/>.</exception>
    public TimeSpan EffectiveMaxProbeTimeout => MaxProbeTimeout switch
    {
        null => ProbeTimeout,
        { } max when max >= ProbeTimeout => max,
        { } max => throw new InvalidOperationException(
            $"Scheduler:MaxProbeTimeout ({max}) must be at least Scheduler:ProbeTimeout ({ProbeTimeout})"),
    };

    /// <summary>
    /// When set, the HTTP API's mutating endpoints require this key in the <c>X-Api-Key</c> header. Default: none
    /// (open). Never logged.
    /// </summary>
    public string? ApiKey { get; set; }

    /// <summary>
    /// Whether the Orleans Dashboard serves its live log stream, <c>/dashboard/Trace</c>: every line the silo logs
    /// (jobs created with their schedules, rejected input with the values sent, exception stack traces). Default (null):
    /// on when <see cref="ApiKey"/> is set, and then only to callers sending it in <c>X-Api-Key</c>; off when it is not.
    /// <c>true</c> turns it on without a key too, open to anyone who reaches the HTTP port; <c>false</c> turns it off
    /// whatever the key. The dashboard's other pages are not affected.
    /// </summary>
    public bool? DashboardTrace { get; set; }

    /// <summary>The effective <see cref="DashboardTrace"/>: the one set, or whether <see cref="ApiKey"/> is set.</summary>
    public bool EffectiveDashboardTrace => DashboardTrace ?? !string.IsNullOrEmpty(ApiKey);

    /// <summary>The Orleans service id: prefixes every Redis key, so several services can share one Redis. Default <c>orleans-scheduler</c>.</summary>
    public string ServiceId { get; set; } = DefaultId;

    /// <summary>The Orleans cluster id: silos with the same one form a cluster. Default <c>orleans-scheduler</c>.</summary>
    public string ClusterId { get; set; } = DefaultId;
}
