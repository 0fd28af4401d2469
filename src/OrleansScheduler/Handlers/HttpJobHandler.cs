using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using OrleansScheduler.Json;
using OrleansScheduler.Validation;

namespace OrleansScheduler.Handlers;

/// <summary>
/// The built-in <c>http</c> handler: sends one request described by the payload
/// (<c>{"url":"https://…","method":"POST","headers":{…},"body":…,"contentType":"…","timeout":"10s"}</c>).
/// A non-2xx answer or a timeout fails the attempt. The run id is sent as <c>Idempotency-Key</c> so the receiver
/// can drop re-deliveries.
/// </summary>
public sealed class HttpJobHandler(IHttpClientFactory httpClientFactory) : IJobHandler, IJobPayloadValidator
{
    /// <summary>The name jobs use for this handler.</summary>
    public const string Name = "http";

    /// <summary>The name of the <see cref="HttpClient"/> the handler uses; configure it with <c>services.AddHttpClient(HttpJobHandler.ClientName)</c>.</summary>
    public const string ClientName = "OrleansScheduler.http";

    /// <summary>The request timeout when the payload names none.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    private static readonly string[] Methods = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

    /// <inheritdoc/>
    public async Task ExecuteAsync(JobRunContext context, CancellationToken cancellationToken)
    {
        var payload = Read(context.PayloadJson);
        using var request = new HttpRequestMessage(new HttpMethod((payload.Method ?? "GET").ToUpperInvariant()), payload.Url);
        if (payload.Body is { } body && body.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined))
        {
            var text = body.ValueKind == JsonValueKind.String ? body.GetString()! : body.GetRawText();
            var mediaType = payload.ContentType ?? (body.ValueKind == JsonValueKind.String ? "text/plain" : "application/json");
            request.Content = new StringContent(text, Encoding.UTF8, MediaTypeHeaderValue.Parse(mediaType).MediaType!);
        }

        foreach (var (name, value) in payload.Headers ?? [])
        {
            if (!request.Headers.TryAddWithoutValidation(name, value))
            {
                request.Content?.Headers.TryAddWithoutValidation(name, value);
            }
        }

        request.Headers.TryAddWithoutValidation("Idempotency-Key", context.RunId);
        request.Headers.TryAddWithoutValidation("X-OSched-Job-Id", context.JobId);
        request.Headers.TryAddWithoutValidation("X-OSched-Attempt", context.Attempt.ToString(CultureInfo.InvariantCulture));

        var timeout = payload.Timeout is { } t && Duration.TryParse(t, out var parsed) ? parsed : DefaultTimeout;
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        var client = httpClientFactory.CreateClient(ClientName);
        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeoutSource.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new HttpRequestException($"{request.Method} {payload.Url} timed out after {Duration.Format(timeout)}", ex);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                var text = await ReadStartAsync(response.Content, timeoutSource.Token).ConfigureAwait(false);
                throw new HttpRequestException(
                    $"{request.Method} {payload.Url} answered {(int)response.StatusCode} {response.ReasonPhrase}: {Truncate(text, 200)}",
                    inner: null,
                    response.StatusCode);
            }
        }
    }

    /// <summary>The start of an error body: only what the message shows is read, however large the body.</summary>
    private static async Task<string> ReadStartAsync(HttpContent content, CancellationToken cancellationToken)
    {
        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var buffer = new byte[1024];
            var read = 0;
            int count;
            while (read < buffer.Length && (count = await stream.ReadAsync(buffer.AsMemory(read), cancellationToken).ConfigureAwait(false)) > 0)
            {
                read += count;
            }

            return System.Text.Encoding.UTF8.GetString(buffer, 0, read);
        }
    }

    /// <inheritdoc/>
    public IEnumerable<string> ValidatePayload(string? payload)
    {
        HttpPayload parsed;
        try
        {
            parsed = Read(payload);
        }
        catch (JsonException ex)
        {
            return [$"{JsonReadErrors.Describe(ex, "payload", "payload.")}; the http handler takes url, method, headers, body, contentType, timeout"];
        }

        var errors = new List<string>();
        // A control character in a header (CR, LF, NUL) would only fail the run at send time, or split the header.
        foreach (var (name, text) in parsed.Headers ?? [])
        {
            // A bad name is not repeated in the message: it would carry the control character.
            if (ControlCharacters.Check("payload.headers", name, errors))
            {
                ControlCharacters.Check($"payload.headers[\"{name}\"]", text, errors);
            }
        }

        // Uri drops some control characters silently, so they are looked for first.
        if (ControlCharacters.Check("payload.url", parsed.Url, errors) &&
            (!Uri.TryCreate(parsed.Url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)))
        {
            errors.Add($"payload.url: \"{parsed.Url}\" is not an absolute http or https URL");
        }

        if (parsed.Method is { } method && !Methods.Contains(method.ToUpperInvariant()))
        {
            errors.Add($"payload.method: \"{method}\" is not one of {string.Join(", ", Methods)}");
        }

        if (parsed.Timeout is { } timeout && (!Duration.TryParse(timeout, out var value) || value <= TimeSpan.Zero || value > TimeSpan.FromHours(1)))
        {
            errors.Add($"payload.timeout: \"{timeout}\" is not a duration between 1ms and 1h");
        }

        if (parsed.ContentType is { } contentType && !MediaTypeHeaderValue.TryParse(contentType, out _))
        {
            errors.Add($"payload.contentType: \"{contentType}\" is not a media type");
        }

        return errors;
    }

    private static HttpPayload Read(string? payload) =>
        payload is null ? new HttpPayload() : JsonSerializer.Deserialize(payload, HandlerJsonContext.Default.HttpPayload) ?? new HttpPayload();

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length] + "…";
}
