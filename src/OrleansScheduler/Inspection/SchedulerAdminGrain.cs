using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using OrleansScheduler.Hosting;
using OrleansScheduler.Redis;
using OrleansScheduler.Scheduling;
using OrleansScheduler.Settlement;

namespace OrleansScheduler.Inspection;

/// <summary>Dead letters and queue depths, answered by whichever silo the caller reaches.</summary>
[StatelessWorker]
[GrainType("scheduleradmin")]
internal sealed partial class SchedulerAdminGrain(DeadLetterStore store, JobIndex index, QueueDepthReader depths, IOptions<JobSchedulerOptions> options, ILogger<SchedulerAdminGrain> logger) : Grain, ISchedulerAdminGrain, IIncomingGrainCallFilter
{
    /// <inheritdoc/>
    public Task Invoke(IIncomingGrainCallContext context) => StoreFailureFilter.InvokeAsync(context, logger);

    public Task<IReadOnlyList<DeadLetter>> GetDeadLetters(int limit)
    {
        if (limit is < 1 or > SchedulerLimits.MaxDeadLetters)
        {
            throw new JobValidationException([$"limit: {limit} is outside 1-{SchedulerLimits.MaxDeadLetters}"]);
        }

        return store.GetAsync(limit);
    }

    public async Task<bool> Requeue(string runId)
    {
        if (string.IsNullOrEmpty(runId))
        {
            throw new JobValidationException(["runId: is empty"]);
        }

        var requeued = await store.RequeueAsync(runId).ConfigureAwait(true);
        if (requeued)
        {
            LogRequeued(logger, runId);
        }

        return requeued;
    }

    public Task<IReadOnlyList<string>> GetJobIds(string? after, int limit)
    {
        if (limit is < 1 or > SchedulerLimits.MaxJobIdsPage)
        {
            throw new JobValidationException([$"limit: {limit} is outside 1-{SchedulerLimits.MaxJobIdsPage}"]);
        }

        return index.GetJobIdsAsync(after, limit);
    }

    public Task<QueueDepths> GetQueueDepths() => depths.GetAsync(options.Value.Queues.Append(JobSpec.DefaultQueue));

    [LoggerMessage(500, LogLevel.Information, "Dead letter {RunId} requeued")]
    private static partial void LogRequeued(ILogger logger, string runId);
}
