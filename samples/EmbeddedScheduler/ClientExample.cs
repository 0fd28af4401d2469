using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OrleansScheduler;

namespace EmbeddedScheduler;

/// <summary>Scheduling from a separate client application that joins the cluster through Redis.</summary>
public static class ClientExample
{
    /// <summary>Connects to the cluster and schedules a job.</summary>
    public static async Task ScheduleFromClientAsync(string redis)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.UseOrleansClient(client => client.UseRedisClustering(redis));
        using var host = builder.Build();
        await host.StartAsync();

        var grains = host.Services.GetRequiredService<IClusterClient>();
        var job = await grains.GetGrain<IJobGrain>("nightly-invoices").Schedule(new JobSpec
        {
            Schedule = JobSchedule.FromCron("0 0 2 * * *", "Europe/Berlin"),
            Handler = "send-invoices",
            Payload = """{"batch": 500}""",
        });
        Console.WriteLine($"next run at {job.NextDue:O}");
        await host.StopAsync();
    }
}
