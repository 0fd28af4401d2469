using System.Text.Json;
using OrleansScheduler.Handlers;

namespace OrleansScheduler.IntegrationTests.Support;

/// <summary>Records each execution, optionally sleeping <c>{"sleepMs": n}</c> first.</summary>
public sealed class RecordingHandler(RunRecorder recorder, ILocalSiloDetails silo, TimeProvider time) : IJobHandler
{
    public const string Name = "record";

    public async Task ExecuteAsync(JobRunContext context, CancellationToken cancellationToken)
    {
        recorder.Add(new RecordedRun(context.RunId, context.JobId, context.Occurrence, silo.SiloAddress.ToParsableString(), time.GetUtcNow()));
        if (context.PayloadJson is { } payload && JsonDocument.Parse(payload).RootElement.TryGetProperty("sleepMs", out var sleep))
        {
            await Task.Delay(sleep.GetInt32(), cancellationToken);
        }
    }
}

/// <summary>Always fails with a recognisable error.</summary>
public sealed class FailingHandler : IJobHandler
{
    public const string Name = "fail";

    public Task ExecuteAsync(JobRunContext context, CancellationToken cancellationToken) =>
        throw new InvalidOperationException($"boom from {context.RunId}");
}
