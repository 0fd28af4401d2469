namespace OrleansScheduler.Silo.Hosting;

/// <summary>Maps the silo's command-line switches onto configuration keys of the <c>Scheduler</c> section.</summary>
public static class SiloCommandLine
{
    /// <summary>Switch → configuration key.</summary>
    public static IReadOnlyDictionary<string, string> SwitchMappings { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["--redis"] = "Scheduler:Redis",
        ["--silo-port"] = "Scheduler:SiloPort",
        ["--gateway-port"] = "Scheduler:GatewayPort",
        ["--http-port"] = "Scheduler:HttpPort",
        ["--advertised-ip"] = "Scheduler:AdvertisedIp",
        ["--service-id"] = "Scheduler:ServiceId",
        ["--cluster-id"] = "Scheduler:ClusterId",
        ["--wake-up-period"] = "Scheduler:WakeUpPeriod",
        ["--max-concurrent-runs"] = "Scheduler:MaxConcurrentRuns",
        ["--probe-timeout"] = "Scheduler:ProbeTimeout",
        ["--max-probe-timeout"] = "Scheduler:MaxProbeTimeout",
        ["--connection-liveness-check"] = "Scheduler:ConnectionLivenessCheck",
        ["--api-key"] = "Scheduler:ApiKey",
        ["--dashboard-trace"] = "Scheduler:DashboardTrace",
    };
}
