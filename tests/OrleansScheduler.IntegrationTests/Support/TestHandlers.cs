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

/// <summary>Fails its first attempt, succeeds from the second on.</summary>
public sealed class FlakyHandler : IJobHandler
{
    public const string Name = "flaky";

    public Task ExecuteAsync(JobRunContext context, CancellationToken cancellationToken) =>
        context.Attempt == 1 ? throw new InvalidOperationException("first attempt fails") : Task.CompletedTask;
}

/// <summary>Hangs until cancelled: the run timeout must cancel it.</summary>
public sealed class HangingHandler : IJobHandler
{
    public const string Name = "hang";

    public Task ExecuteAsync(JobRunContext context, CancellationToken cancellationToken) =>
        Task.Delay(Timeout.Infinite, cancellationToken);
}

/// <summary>Hangs and ignores its token: the run timeout must still free the attempt.</summary>
public sealed class StubbornHandler : IJobHandler
{
    public const string Name = "stubborn";

    public Task ExecuteAsync(JobRunContext context, CancellationToken cancellationToken) =>
        Task.Delay(TimeSpan.FromMinutes(10), CancellationToken.None);
}
