using EmbeddedScheduler;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OrleansScheduler;
using OrleansScheduler.Hosting;

// An application's own silo, with the scheduler added by one extension call and one handler of its own.
var redis = args.Length > 0 ? args[0] : "localhost:6379";
var builder = Host.CreateApplicationBuilder(args);
builder.UseOrleans(silo =>
{
    silo.UseRedisClustering(redis);
    silo.AddJobScheduler(options => options.Redis = redis);
    silo.Services.AddJobHandler<SendInvoicesHandler>("send-invoices");
});

using var host = builder.Build();
await host.StartAsync();

// Inside the silo, grains are reached through IGrainFactory.
var grains = host.Services.GetRequiredService<IGrainFactory>();
var job = await grains.GetGrain<IJobGrain>("invoice-heartbeat").Schedule(new JobSpec
{
    Schedule = JobSchedule.Every(TimeSpan.FromSeconds(5)),
    Handler = "send-invoices",
    Payload = """{"batch": 10}""",
});
Console.WriteLine($"scheduled {job.Id}: {job.Spec.Schedule}, next run at {job.NextDue:O}");

await host.WaitForShutdownAsync();
