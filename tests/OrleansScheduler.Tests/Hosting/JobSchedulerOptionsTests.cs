using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OrleansScheduler.Hosting;

namespace OrleansScheduler.Tests.Hosting;

public sealed class JobSchedulerOptionsTests
{
    [Fact]
    public void Queues_AreExactlyTheConfiguredOnes_WhenConfigurationNamesSome()
    {
        var options = Bind(new() { ["Scheduler:Redis"] = "localhost:6379", ["Scheduler:Queues:0"] = "critical" });

        Assert.Equal(["critical"], options.Queues);
    }

    [Fact]
    public void Queues_DefaultToDefault_WhenNoneAreConfigured()
    {
        var options = Bind(new() { ["Scheduler:Redis"] = "localhost:6379" });

        Assert.Equal([JobSpec.DefaultQueue], options.Queues);
    }

    [Fact]
    public void Validation_ReportsEveryBrokenRuleAtOnce()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Bind(new()
        {
            ["Scheduler:Redis"] = "127.0.0.1:",
            ["Scheduler:MaxConcurrentRuns"] = "0",
            ["Scheduler:WakeUpPeriod"] = "00:00:00.5",
            ["Scheduler:Queues:0"] = "bad queue",
        }));

        Assert.Equal(4, error.Failures.Count());
        Assert.Contains(error.Failures, f => f.StartsWith("Scheduler:Redis", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.StartsWith("Scheduler:MaxConcurrentRuns is 0", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.StartsWith("Scheduler:WakeUpPeriod", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("\"bad queue\"", StringComparison.Ordinal));
    }

    [Fact]
    public void Validation_RequiresRedis()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Bind(new()));

        Assert.Contains(error.Failures, f => f.StartsWith("Scheduler:Redis is required", StringComparison.Ordinal));
    }

    private static JobSchedulerOptions Bind(Dictionary<string, string?> values)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddJobScheduler(configuration.GetSection("Scheduler"));
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<JobSchedulerOptions>>().Value;
    }
}
