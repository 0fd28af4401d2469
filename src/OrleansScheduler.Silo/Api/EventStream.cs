using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace OrleansScheduler.Silo.Api;

/// <summary>
/// A server-sent event stream of snapshots: reads a snapshot about once a second and sends it when it differs from the
/// last one sent, with a comment line as heartbeat while nothing changes. Written by hand rather than with
/// <c>TypedResults.ServerSentEvents</c>, whose <c>SseItem</c> cannot carry a comment line.
/// </summary>
internal sealed partial class EventStream
{
    /// <summary>How often the snapshot is read.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    /// <summary>The longest silence: proxies close idle connections after 30-60 s.</summary>
    public static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(15);

    /// <summary>How long a browser waits before it reconnects (the stream's <c>retry</c> field).</summary>
    public static readonly TimeSpan ReconnectDelay = TimeSpan.FromSeconds(2);

    /// <summary>The event sent when a snapshot cannot be read: <c>{"title": "...", "detail": "..."}</c>.</summary>
    public const string ProblemEvent = "problem";

    private static readonly byte[] Heartbeat = ": keep-alive\n\n"u8.ToArray();

    private readonly HttpContext _context;
    private readonly JsonSerializerOptions _json;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private bool _failing;

    private EventStream(HttpContext context)
    {
        _context = context;
        var services = context.RequestServices;
        _json = services.GetRequiredService<IOptions<HttpJsonOptions>>().Value.SerializerOptions;
        _time = services.GetRequiredService<TimeProvider>();
        _logger = services.GetRequiredService<ILoggerFactory>().CreateLogger<EventStream>();
    }

    /// <summary>
    /// Streams <paramref name="read"/>'s snapshots as events named <paramref name="eventType"/> until the client goes
    /// away or the silo stops. A failed read is sent as a <see cref="ProblemEvent"/> and retried; the stream stays open.
    /// </summary>
    public static async Task WriteAsync<T>(HttpContext context, string eventType, Func<Task<T>> read)
    {
        var stopping = context.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        // An open stream must not hold up a graceful stop for the host's whole shutdown timeout.
        using var done = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        await new EventStream(context).RunAsync(eventType, read, done.Token).ConfigureAwait(false);
    }

    private async Task RunAsync<T>(string eventType, Func<Task<T>> read, CancellationToken cancellationToken)
    {
        var response = _context.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache, no-store";
        response.Headers["X-Accel-Buffering"] = "no";
        _context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();

        byte[]? lastSent = null;
        var lastWrite = _time.GetUtcNow();
        try
        {
            await WriteAndFlushAsync(Encoding.UTF8.GetBytes($"retry: {(int)ReconnectDelay.TotalMilliseconds}\n\n"), cancellationToken).ConfigureAwait(false);
            while (!cancellationToken.IsCancellationRequested)
            {
                var (type, data) = await ReadEventAsync(eventType, read).ConfigureAwait(false);
                if (lastSent is null || !data.AsSpan().SequenceEqual(lastSent))
                {
                    await WriteAndFlushAsync(Format(type, data), cancellationToken).ConfigureAwait(false);
                    // After a problem the next snapshot is sent even if it equals the one before: it clears the problem.
                    lastSent = type == eventType ? data : null;
                    lastWrite = _time.GetUtcNow();
                }
                else if (_time.GetUtcNow() - lastWrite >= HeartbeatInterval)
                {
                    await WriteAndFlushAsync(Heartbeat, cancellationToken).ConfigureAwait(false);
                    lastWrite = _time.GetUtcNow();
                }

                await Task.Delay(PollInterval, _time, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client went away or the silo is stopping: the normal end of a stream.
        }
    }

    private async Task<(string Type, byte[] Data)> ReadEventAsync<T>(string eventType, Func<Task<T>> read)
    {
        try
        {
            var snapshot = JsonSerializer.SerializeToUtf8Bytes(await read().ConfigureAwait(false), _json);
            _failing = false;
            return (eventType, snapshot);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !_context.RequestAborted.IsCancellationRequested)
        {
            // Redis or a grain call failing must not end the stream: the page shows the problem and keeps listening.
            if (!_failing)
            {
                // Once per outage, not once a second.
                LogReadFailed(_logger, _context.Request.Path.Value ?? "", ex);
                _failing = true;
            }

            return (ProblemEvent, JsonSerializer.SerializeToUtf8Bytes(new { title = "Cannot read the current state", detail = ex.Message }, _json));
        }
    }

    private async Task WriteAndFlushAsync(byte[] bytes, CancellationToken cancellationToken)
    {
        await _context.Response.Body.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
        await _context.Response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One event: its type, then one <c>data:</c> line per line of the JSON, then a blank line.</summary>
    private static byte[] Format(string type, byte[] json)
    {
        var text = new StringBuilder("event: ").Append(type).Append('\n');
        foreach (var line in Encoding.UTF8.GetString(json).Split('\n'))
        {
            text.Append("data: ").Append(line.TrimEnd('\r')).Append('\n');
        }

        return Encoding.UTF8.GetBytes(text.Append('\n').ToString());
    }
}
