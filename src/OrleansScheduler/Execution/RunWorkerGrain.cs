using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;
using OrleansScheduler.Diagnostics;
using OrleansScheduler.Handlers;
using OrleansScheduler.Hosting;

namespace OrleansScheduler.Execution;

/// <summary>Runs one attempt with the handler named by the run, resolved by name from DI. Payloads are data, never code.</summary>
[StatelessWorker, Reentrant]
[GrainType("runworker")]
internal sealed partial class RunWorkerGrain(
    JobHandlerRegistry registry,
    IServiceScopeFactory scopes,
    [FromKeyedServices(JobSchedulerTimeProviderNames.Scheduler)] TimeProvider time,
    SchedulerInstruments instruments,
    ShutdownSignal shutdown,
    ILogger<RunWorkerGrain> logger) : Grain, IRunWorkerGrain
{
    public async Task<RunOutcome> Execute(RunRequest run)
    {
        var started = time.GetUtcNow();
        instruments.RecordStarted(run.Attempt, started - run.Occurrence);
        string? error = null;
        var interrupted = false;
        if (!registry.Contains(run.Handler))
        {
            error = $"handler \"{run.Handler}\" is not registered on this silo";
        }
        else
        {
            using var timeout = new CancellationTokenSource(run.Timeout, time);
            using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, shutdown.Token);
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var handler = JobHandlerRegistry.Resolve(scope.ServiceProvider, run.Handler);
                var context = new JobRunContext(run.RunId, run.JobId, run.Occurrence, run.Attempt, run.Payload);
                // WaitAsync also frees the attempt from a handler that ignores its token; that handler runs on unobserved.
                await handler.ExecuteAsync(context, cancellation.Token).WaitAsync(run.Timeout, time, shutdown.Token).ConfigureAwait(true);
            }
            catch (Exception ex) when (ex is TimeoutException || (ex is OperationCanceledException && timeout.IsCancellationRequested))
            {
                error = $"timed out after {Duration.Format(run.Timeout)}";
            }
            catch (OperationCanceledException) when (shutdown.Token.IsCancellationRequested)
            {
                error = "cancelled: the silo shut down before the run finished";
                interrupted = true;
            }
            catch (Exception ex)
            {
                // A handler's failure is the run's outcome, recorded in history; it must not fail the executor.
                error = $"{ex.GetType().Name}: {ex.Message}";
            }
        }

        var finished = time.GetUtcNow();
        var status = error is null ? RunStatus.Succeeded : RunStatus.Failed;
        if (error is not null && !interrupted)
        {
            LogRunFailed(logger, run.RunId, run.Attempt, error);
        }

        return new RunOutcome { Status = status, StartedAt = started, FinishedAt = finished, Error = error, Interrupted = interrupted };
    }

    [LoggerMessage(200, LogLevel.Warning, "Run {RunId} attempt {Attempt} failed: {Error}")]
    private static partial void LogRunFailed(ILogger logger, string runId, int attempt, string error);
}
