using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Clustering.Redis;
using Orleans.Configuration;
using OrleansScheduler.Hosting;
using OrleansScheduler.Json;
using OrleansScheduler.Redis;
using OrleansScheduler.Silo.Api;
using OrleansScheduler.Silo.Health;
using OrleansScheduler.Silo.Web;

namespace OrleansScheduler.Silo.Hosting;

/// <summary>Builds the silo's web application: Orleans with the scheduler, Redis clustering, the dashboard and health checks.</summary>
public static class SiloApplication
{
    private static readonly TimeSpan MembershipTableRefresh = TimeSpan.FromSeconds(10);

    /// <summary>Creates the application from command-line arguments, <c>appsettings.json</c> and environment variables.</summary>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddCommandLine(args, SiloCommandLine.SwitchMappings.ToDictionary());
        var host = builder.Configuration.GetSection(SiloHostOptions.SectionName).Get<SiloHostOptions>() ?? new SiloHostOptions();
        var maxProbeTimeout = host.EffectiveMaxProbeTimeout;

        builder.Logging.AddSimpleConsole(options =>
        {
            options.SingleLine = true;
            options.TimestampFormat = "HH:mm:ss.fff ";
        });
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ListenAnyIP(host.HttpPort));
        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(30));

        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(options =>
            {
                options.ClusterId = host.ClusterId;
                options.ServiceId = host.ServiceId;
            });
            silo.Configure<ClusterMembershipOptions>(options =>
            {
                options.ProbeTimeout = host.ProbeTimeout;
                // A silo that misses its probes is voted dead only once its connection has also been silent for
                // MaxProbeTimeout × NumMissedProbesLimit (the connection liveness check). Orleans' MaxProbeTimeout,
                // 4 × ProbeTimeout, made that 24 s: a frozen silo (long GC pause, stopped VM) took 24–30 s to be declared
                // dead, a crashed one 2–3 s. At ProbeTimeout, the window is 6 s (fault run N5; see SiloHostOptions).
                options.MaxProbeTimeout = maxProbeTimeout;
                options.EnableConnectionLivenessCheck = host.ConnectionLivenessCheck;
                // Silos restarted together after a crash race to declare their predecessors dead; a declaration that
                // loses the race waits for the next table refresh, and until then no other silo can join (it must
                // reach every silo the table lists as active). Orleans' 60 s default let a restart take a minute.
                options.TableRefreshTimeout = MembershipTableRefresh;
            });
            silo.ConfigureEndpoints(ResolveAdvertisedAddress(host.AdvertisedIp), host.SiloPort, host.GatewayPort, listenOnAnyHostAddress: true);
            silo.UseRedisClustering(_ => { });
            silo.Services.AddOptions<RedisClusteringOptions>().Configure<SchedulerRedisConnection>((options, connection) =>
            {
                options.ConfigurationOptions = connection.Configuration;
                options.CreateMultiplexer = async _ => (await connection.GetMultiplexerAsync().ConfigureAwait(false), true);
            });
            silo.AddJobScheduler(builder.Configuration.GetSection(SiloHostOptions.SectionName));
            silo.Services.PostConfigure<JobSchedulerOptions>(options => options.Redis ??= host.Redis);
            silo.AddSiloDashboard(host);
        });
        builder.AddSiloTelemetry(host.ServiceId);

        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = FrameworkProblems.Describe);
        builder.Services.AddExceptionHandler<SchedulerExceptionHandler>();
        // A query value that does not bind (limit=abc) is thrown rather than answered with an empty 400, so that the
        // exception handler answers problem details naming the parameter (FrameworkProblems).
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        // HEAD is answered on GET endpoints (HeadRequests) but is no operation of its own in the document.
        builder.Services.AddOpenApi(options => options.ShouldInclude = description => !HttpMethods.IsHead(description.HttpMethod ?? ""));
        builder.Services.ConfigureHttpJsonOptions(options =>
        {
            // The same JSON as osched reads and prints: apply-file bodies in, show/history documents out.
            options.SerializerOptions.PropertyNamingPolicy = OschedJson.Options.PropertyNamingPolicy;
            options.SerializerOptions.DefaultIgnoreCondition = OschedJson.Options.DefaultIgnoreCondition;
            options.SerializerOptions.UnmappedMemberHandling = OschedJson.Options.UnmappedMemberHandling;
            options.SerializerOptions.ReadCommentHandling = OschedJson.Options.ReadCommentHandling;
            options.SerializerOptions.AllowTrailingCommas = true;
        });
        builder.Services.AddHealthChecks()
            .AddCheck<RedisHealthCheck>("redis")
            .AddCheck<SiloHealthCheck>("silo");

        configure?.Invoke(builder);
        var app = builder.Build();
        app.UseExceptionHandler();
        // The framework's own 404, 405 and 415 (no route, a method or body type the route does not take) carry no body;
        // this writes problem details for them, like every other error (plain text to a client that accepts no JSON).
        app.UseStatusCodePages();
        app.MapSiloDashboard(host);
        app.MapOpenApi();
        var apiKey = new ApiKeyFilter(host.ApiKey);
        // The scheduler's own endpoints, in one group so that HEAD reaches each GET one; the dashboard's stay as mapped.
        var routes = app.MapGroup("").AllowHeadOnGet();
        routes.MapJobsApi(apiKey);
        routes.MapRunsApi(apiKey);
        routes.MapHealthChecks("/healthz", new() { ResponseWriter = WriteHealthAsync }).WithMetadata(HeadRequests.GetOrHead);
        app.MapSiloTelemetry();
        routes.MapJobsView();
        return app;
    }

    private static IPAddress ResolveAdvertisedAddress(string value)
    {
        if (IPAddress.TryParse(value, out var address))
        {
            return address;
        }

        // A host name (e.g. a container's service name): take its first IPv4 address.
        return Dns.GetHostAddresses(value).FirstOrDefault(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork)
            ?? throw new InvalidOperationException($"Scheduler:AdvertisedIp \"{value}\" is neither an IP address nor a host name with an IPv4 address");
    }

    private static Task WriteHealthAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description ?? e.Value.Exception?.Message }),
        }));
    }
}
