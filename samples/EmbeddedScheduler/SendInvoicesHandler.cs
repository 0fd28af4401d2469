using Microsoft.Extensions.Logging;
using OrleansScheduler.Handlers;

namespace EmbeddedScheduler;

/// <summary>An application's own handler. Jobs name it "send-invoices"; the payload is data it reads, never code.</summary>
public sealed partial class SendInvoicesHandler(ILogger<SendInvoicesHandler> logger) : IJobHandler
{
    /// <inheritdoc/>
    public Task ExecuteAsync(JobRunContext context, CancellationToken cancellationToken)
    {
        var batch = context.GetPayload<InvoiceBatch>()?.Batch ?? 100;
        // context.RunId is stable across retries and re-deliveries: use it as the idempotency key.
        LogSending(logger, batch, context.RunId);
        return Task.CompletedTask;
    }

    [LoggerMessage(1, LogLevel.Information, "Sending up to {Batch} invoices (run {RunId})")]
    private static partial void LogSending(ILogger logger, int batch, string runId);
}

/// <summary>The handler's payload.</summary>
/// <param name="Batch">How many invoices to send.</param>
public sealed record InvoiceBatch(int Batch);
