namespace OrleansScheduler.DevHost;

/// <summary>The block up prints once everything is up: where to look, what to run, how to stop it.</summary>
internal static class Banner
{
    /// <summary>The block, starting with an empty line, without the closing <c>stop</c> line.</summary>
    public static string Text(int http1, int http2, int redisPort, string runDirectory, string osched) => $"""

        OrleansScheduler is up.
          jobs view   http://localhost:{http1}/                (silo2: http://localhost:{http2}/)
          dashboard   http://localhost:{http1}/dashboard       (silo2: http://localhost:{http2}/dashboard)
          health      http://localhost:{http1}/healthz         http://localhost:{http2}/healthz
          metrics     http://localhost:{http1}/metrics         http://localhost:{http2}/metrics
          api         http://localhost:{http1}/openapi/v1.json
          redis       127.0.0.1:{redisPort}   (AOF on, data in {runDirectory}/redis)
          osched      {osched} list      (from the repository root)
          logs        {runDirectory}/logs/redis.log, silo1.log, silo2.log, demo-jobs.log

        """;

    /// <summary>The last line when up returns and leaves the system running.</summary>
    public static string DetachedStop(string downArguments) => $"  stop        scripts/down.sh{downArguments}";

    /// <summary>The last line when up stays in the foreground.</summary>
    public static string ForegroundStop(string downArguments) => $"  stop        Ctrl-C here, or scripts/down.sh{downArguments} from another terminal";
}
