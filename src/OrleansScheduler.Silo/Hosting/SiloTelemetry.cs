using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Orleans.Diagnostics;
using OrleansScheduler.Diagnostics;

namespace OrleansScheduler.Silo.Hosting;

/// <summary>
/// The silo's OpenTelemetry: metrics in Prometheus' format at <see cref="MetricsPath"/> on every silo, and, when the
/// standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, metrics and traces exported over OTLP as well.
/// </summary>
public static class SiloTelemetry
{
    /// <summary>Where Prometheus scrapes a silo.</summary>
    public const string MetricsPath = "/metrics";

    /// <summary>The standard variable (or configuration key) that turns OTLP export on.</summary>
    public const string OtlpEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    // The scheduler's own, Orleans' (silo, messaging, grains), ASP.NET Core's and the .NET runtime's, all built in.
    private static readonly string[] Meters =
        [SchedulerInstruments.MeterName, "Microsoft.Orleans", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "System.Runtime"];

    /// <summary>Adds metrics (Prometheus, and OTLP when configured), traces (OTLP only) and trace propagation through grain calls.</summary>
    /// <param name="builder">The silo's application builder.</param>
    /// <param name="serviceName">The <c>service.name</c> of the telemetry, unless <c>OTEL_SERVICE_NAME</c> says otherwise.</param>
    public static WebApplicationBuilder AddSiloTelemetry(this WebApplicationBuilder builder, string serviceName)
    {
        ArgumentNullException.ThrowIfNull(builder);
        // The trace context must cross grain calls (an API request on this silo into a job grain on another) for a
        // job to remember who scheduled it. Without a trace listener it creates nothing.
        builder.UseOrleans(silo => silo.AddActivityPropagation());

        var otlp = !string.IsNullOrWhiteSpace(builder.Configuration[OtlpEndpointKey]);
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource =>
            {
                if (string.IsNullOrWhiteSpace(builder.Configuration["OTEL_SERVICE_NAME"]))
                {
                    resource.AddService(serviceName);
                }
            })
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(Meters).AddPrometheusExporter();
                if (otlp)
                {
                    metrics.AddOtlpExporter();
                }
            });
        if (otlp)
        {
            // Orleans files grain calls to interfaces in namespaces starting with "Orleans" (this scheduler's too)
            // under its runtime source, so both of its grain-call sources are needed.
            telemetry.WithTracing(tracing => tracing
                .AddSource(SchedulerActivities.SourceName, ActivitySources.RuntimeActivitySourceName, ActivitySources.ApplicationGrainActivitySourceName)
                .AddAspNetCoreInstrumentation(options => options.Filter = context => !IsScrapeOrProbe(context.Request.Path))
                .AddOtlpExporter());
        }

        return builder;
    }

    /// <summary>Maps the Prometheus scraping endpoint at <see cref="MetricsPath"/>.</summary>
    public static WebApplication MapSiloTelemetry(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        // Mapped for every method by the exporter; a scrape is a GET (or a HEAD).
        app.MapPrometheusScrapingEndpoint(MetricsPath).WithMetadata(HeadRequests.GetOrHead);
        return app;
    }

    // Scrapes and health probes every few seconds would drown the traces that matter.
    private static bool IsScrapeOrProbe(PathString path) =>
        path.StartsWithSegments(MetricsPath, StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/healthz", StringComparison.OrdinalIgnoreCase);
}
