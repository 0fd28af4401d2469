using System.Globalization;
using System.Net;
using System.Text;
using StackExchange.Redis;

namespace OrleansScheduler.Testing.Fuzzing;

/// <summary>
/// The HTTP target: generated requests (<see cref="HttpFuzzCases"/>) against a real silo process. Each answer must
/// not be 5xx; a 4xx must be problem details (<c>application/problem+json</c> with <c>title</c> and its
/// <c>status</c>) whose texts name fields and no .NET type, and must leave the keyspace as it was
/// (<see cref="KeyspaceRules"/> says what is not counted); an accepted PUT must read back as sent; and the silo must
/// stay healthy. Requests go one at a time, so a key written is the request's.
/// </summary>
public sealed class HttpFuzzTarget : IDisposable
{
    /// <summary>The target's name in the report.</summary>
    public const string Name = "http";

    /// <summary>Jobs that exist for the whole run, so pause, resume, trigger and history reach real jobs.</summary>
    public static readonly IReadOnlyDictionary<string, string> FixedJobs = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["fz-fixed-cron"] = """{"cron":"0 0 1 1 *","tz":"Europe/Berlin","handler":"log"}""",
        ["fz-fixed-every"] = """{"every":"30d","handler":"log","payload":{"message":"fixed"}}""",
        ["fz-fixed-at"] = """{"at":"2099-01-01T00:00:00Z","handler":"log","queue":"default"}""",
    };

    private static readonly TimeSpan HealthEvery = TimeSpan.FromSeconds(5);

    private readonly HttpClient _http;
    private readonly IConnectionMultiplexer _redis;
    private readonly string _apiKey;
    private readonly KeyspaceRules _rules;
    private readonly List<string> _existing = [.. FixedJobs.Keys];
    private DateTimeOffset _lastHealthCheck = DateTimeOffset.MinValue;

    /// <summary>A target against the silo at <paramref name="baseAddress"/>, whose Redis is <paramref name="redis"/>.</summary>
    /// <param name="baseAddress">The silo's HTTP address.</param>
    /// <param name="redis">The cluster's Redis.</param>
    /// <param name="rules">What keyspace changes are not a request's; shared with the other targets of the run.</param>
    /// <param name="apiKey">The silos' API key.</param>
    public HttpFuzzTarget(Uri baseAddress, IConnectionMultiplexer redis, KeyspaceRules rules, string apiKey)
    {
        _http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        _redis = redis;
        _apiKey = apiKey;
        ArgumentNullException.ThrowIfNull(rules);
        _rules = rules;
        foreach (var id in FixedJobs.Keys)
        {
            _rules.AddJob(id);
        }
    }

    /// <summary>Creates the fixed jobs.</summary>
    public async Task SetUpAsync(CancellationToken cancellationToken = default)
    {
        foreach (var (id, body) in FixedJobs)
        {
            await RestoreAsync(id, body, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Runs case <paramref name="caseIndex"/> of the run with <paramref name="report"/>'s seed.</summary>
    public async Task RunAsync(FuzzReport report, int caseIndex, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        var random = FuzzSeed.ForCase(report.Seed, Name, caseIndex);
        var request = HttpFuzzCases.Next(random, _apiKey, _existing);
        var before = await KeyspaceSnapshot.TakeAsync(_redis).ConfigureAwait(false);
        var answer = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (answer is null)
        {
            report.Count(Name, "no answer");
            report.Fail(FuzzCheck.NoAnswer, Name, caseIndex, "no answer", request.ToString());
            return;
        }

        var (status, mediaType, body) = answer.Value;
        var kestrel = status == 400 && mediaType is null && body.Length == 0 && IsRejectedByKestrel(request);
        report.Count(Name, status.ToString(CultureInfo.InvariantCulture) + (kestrel ? " (Kestrel: NUL in the path)" : ""));
        var shown = request.ToString();
        if (status >= 500)
        {
            report.Fail(FuzzCheck.ServerError, Name, caseIndex, $"answered {status}: {Truncate(body)}", shown);
        }
        else if (status >= 400)
        {
            await CheckRejectedAsync(report, caseIndex, request, status, mediaType, body, before).ConfigureAwait(false);
        }
        else if (status < 300)
        {
            await AfterAcceptedAsync(report, caseIndex, request, cancellationToken).ConfigureAwait(false);
        }

        if (DateTimeOffset.UtcNow - _lastHealthCheck > HealthEvery)
        {
            await CheckHealthAsync(report, caseIndex, shown, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Checks <c>/healthz</c> answers 200.</summary>
    public async Task CheckHealthAsync(FuzzReport report, int caseIndex, string after, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        _lastHealthCheck = DateTimeOffset.UtcNow;
        try
        {
            using var health = await _http.GetAsync(new Uri("healthz", UriKind.Relative), cancellationToken).ConfigureAwait(false);
            if (health.StatusCode != HttpStatusCode.OK)
            {
                report.Fail(FuzzCheck.Unhealthy, Name, caseIndex, $"/healthz answered {(int)health.StatusCode}", "after " + after);
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            report.Fail(FuzzCheck.Unhealthy, Name, caseIndex, $"/healthz did not answer: {ex.Message}", "after " + after);
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _http.Dispose();

    private async Task CheckRejectedAsync(FuzzReport report, int caseIndex, HttpFuzzCase request, int status, string? mediaType, string body, KeyspaceSnapshot before)
    {
        var shown = request.ToString();
        // A HEAD answer has no body by definition: only its status is checked. Kestrel refuses a path with an encoded
        // NUL while it parses the request line, before any middleware runs: its 400 has no body and cannot be given one
        // (FuzzRegressionTests pins what does hold for it). Both are still checked for keys written.
        if (request.Method != "HEAD" && !(status == 400 && mediaType is null && body.Length == 0 && IsRejectedByKestrel(request)))
        {
            if (ProblemDetails.Check(status, mediaType, body, InputText(request)) is { } problem)
            {
                report.Fail(problem.StartsWith("errors", StringComparison.Ordinal) ? FuzzCheck.HttpErrorText : FuzzCheck.NotProblemDetails,
                    Name, caseIndex, $"{status} {mediaType}: {problem}; body {Truncate(body)}", shown);
            }
        }

        var written = _rules.Unexplained((await KeyspaceSnapshot.TakeAsync(_redis).ConfigureAwait(false)).WrittenSince(before));
        if (written.Count > 0)
        {
            report.Fail(FuzzCheck.KeyWrittenByRejected, Name, caseIndex, $"answered {status} and wrote {string.Join(", ", written.Take(10).Select(Truncate))}", shown);
        }
    }

    private async Task AfterAcceptedAsync(FuzzReport report, int caseIndex, HttpFuzzCase request, CancellationToken cancellationToken)
    {
        if (request.Id is not { } id || !request.Route.Contains("/api/jobs/{id}", StringComparison.Ordinal) || request.Route.Contains("/{id}/", StringComparison.Ordinal))
        {
            if (request.Id is { } other && request.Method == "POST")
            {
                _rules.AddJob(other);
            }

            return;
        }

        _rules.AddJob(id);
        if (request.Method == "PUT")
        {
            if (await ReadBackAsync(id, request.Body ?? [], cancellationToken).ConfigureAwait(false) is { } mismatch)
            {
                report.Fail(FuzzCheck.NotReadBack, Name, caseIndex, mismatch, request.ToString());
            }
        }

        // Accepted jobs are deleted (or the fixed ones put back) so the keyspace stays small and few jobs fire.
        if (request.Method is "PUT" or "DELETE")
        {
            if (FixedJobs.TryGetValue(id, out var original))
            {
                await RestoreAsync(id, original, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                using var delete = new HttpRequestMessage(HttpMethod.Delete, JobPath(id));
                delete.Headers.Add("X-Api-Key", _apiKey);
                using var _ = await _http.SendAsync(delete, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task<string?> ReadBackAsync(string id, byte[] sent, CancellationToken cancellationToken)
    {
        using var get = await _http.GetAsync(JobPath(id), cancellationToken).ConfigureAwait(false);
        var text = await get.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return get.StatusCode != HttpStatusCode.OK
            ? $"GET after the accepted PUT answered {(int)get.StatusCode}: {Truncate(text)}"
            : ReadBack.Compare(id, sent, text, DateTimeOffset.UtcNow);
    }

    private async Task RestoreAsync(string id, string body, CancellationToken cancellationToken)
    {
        using var put = new HttpRequestMessage(HttpMethod.Put, JobPath(id)) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        put.Headers.Add("X-Api-Key", _apiKey);
        using var response = await _http.SendAsync(put, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException(
                $"PUT of the fixed job {id} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)}");
        }
    }

    private async Task<(int Status, string? MediaType, string Body)?> SendAsync(HttpFuzzCase request, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), new Uri(request.PathAndQuery, UriKind.Relative));
        if (request.Body is not null)
        {
            message.Content = new ByteArrayContent(request.Body);
            if (request.ContentType is not null)
            {
                message.Content.Headers.TryAddWithoutValidation("Content-Type", request.ContentType);
            }
        }

        if (request.ApiKey is not null)
        {
            message.Headers.TryAddWithoutValidation("X-Api-Key", request.ApiKey);
        }

        try
        {
            using var response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            var mediaType = response.Content.Headers.ContentType?.MediaType;
            // An event stream never ends: its status and type are the answer.
            var body = mediaType == "text/event-stream" ? "" : await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            return ((int)response.StatusCode, mediaType, body);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>Whether Kestrel refuses the request line itself: a path whose percent-decoding holds a NUL.</summary>
    public static bool IsRejectedByKestrel(HttpFuzzCase request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var path = request.PathAndQuery.Split('?')[0];
        return path.Contains("%00", StringComparison.Ordinal);
    }

    private static Uri JobPath(string id) => new("api/jobs/" + Uri.EscapeDataString(id), UriKind.Relative);

    private static string InputText(HttpFuzzCase request) =>
        Uri.UnescapeDataString(request.PathAndQuery) + " " + request.PathAndQuery + " " + (request.Body is null ? "" : Encoding.UTF8.GetString(request.Body)) + " " + request.ContentType;

    private static string Truncate(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
