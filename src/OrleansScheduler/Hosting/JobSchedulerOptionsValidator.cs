using Microsoft.Extensions.Options;
using OrleansScheduler.Validation;

namespace OrleansScheduler.Hosting;

/// <summary>Checks <see cref="JobSchedulerOptions"/> at startup and reports every broken rule at once.</summary>
internal sealed class JobSchedulerOptionsValidator : IValidateOptions<JobSchedulerOptions>
{
    public ValidateOptionsResult Validate(string? name, JobSchedulerOptions options)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Redis))
        {
            errors.Add("Scheduler:Redis is required (a StackExchange.Redis configuration string such as localhost:6379)");
        }
        else
        {
            ValidateRedis(options.Redis, errors);
        }

        if (options.Queues.Count == 0)
        {
            errors.Add("Scheduler:Queues must name at least one queue");
        }

        foreach (var queue in options.Queues)
        {
            JobIds.ValidateName("Scheduler:Queues", queue, JobSpecValidator.MaxNameLength, errors);
        }

        if (options.MaxConcurrentRuns is < 1 or > 10_000)
        {
            errors.Add($"Scheduler:MaxConcurrentRuns is {options.MaxConcurrentRuns}; it must be 1-10000");
        }

        RequireBetween(errors, "PollInterval", options.PollInterval, TimeSpan.FromMilliseconds(10), TimeSpan.FromMinutes(1));
        RequireBetween(errors, "WakeUpPeriod", options.WakeUpPeriod, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));
        RequireBetween(errors, "OccurrenceClaimTtl", options.OccurrenceClaimTtl, TimeSpan.FromMinutes(1), TimeSpan.FromDays(7));
        RequireBetween(errors, "DefaultRunTimeout", options.DefaultRunTimeout, TimeSpan.FromMilliseconds(1), TimeSpan.FromDays(1));
        RequireBetween(errors, "RetryBaseDelay", options.RetryBaseDelay, TimeSpan.FromMilliseconds(10), TimeSpan.FromHours(1));
        RequireBetween(errors, "RetryMaxDelay", options.RetryMaxDelay, options.RetryBaseDelay, TimeSpan.FromDays(1));
        RequireBetween(errors, "RetryPollInterval", options.RetryPollInterval, TimeSpan.FromMilliseconds(10), TimeSpan.FromMinutes(1));
        // Every occurrence is enqueued a few milliseconds after its time: a threshold below a second would make on-time
        // occurrences misfires, and Skip jobs would never run.
        RequireBetween(errors, "MisfireThreshold", options.MisfireThreshold, TimeSpan.FromSeconds(1), TimeSpan.FromDays(1));
        RequireBetween(errors, "DeadLetterRetention", options.DeadLetterRetention, TimeSpan.FromSeconds(1), TimeSpan.FromDays(365));
        RequireBetween(errors, "MaxClockSkew", options.MaxClockSkew, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));
        RequireBetween(errors, "ShutdownGracePeriod", options.ShutdownGracePeriod, TimeSpan.Zero, TimeSpan.FromHours(1));
        if (options.MisfireFireAllLimit is < 1 or > 100_000)
        {
            errors.Add($"Scheduler:MisfireFireAllLimit is {options.MisfireFireAllLimit}; it must be 1-100000");
        }

        if (options.DeadLetterLimit is < 1 or > 10_000_000)
        {
            errors.Add($"Scheduler:DeadLetterLimit is {options.DeadLetterLimit}; it must be 1-10000000");
        }

        if (options.HistoryLimit is < 1 or > 100_000)
        {
            errors.Add($"Scheduler:HistoryLimit is {options.HistoryLimit}; it must be 1-100000");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void ValidateRedis(string configuration, List<string> errors)
    {
        try
        {
            if (StackExchange.Redis.ConfigurationOptions.Parse(configuration).EndPoints.Count == 0)
            {
                errors.Add("Scheduler:Redis names no endpoint; expected host:port, e.g. localhost:6379");
            }
        }
        catch (ArgumentException ex)
        {
            errors.Add($"Scheduler:Redis is not a valid StackExchange.Redis configuration string: {ex.Message}");
        }
    }

    private static void RequireBetween(List<string> errors, string name, TimeSpan value, TimeSpan min, TimeSpan max)
    {
        if (value < min || value > max)
        {
            errors.Add($"Scheduler:{name} is {value}; it must be between {min} and {max}");
        }
    }
}
