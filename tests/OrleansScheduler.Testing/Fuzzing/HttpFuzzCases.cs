using System.Globalization;
using System.Text;

namespace OrleansScheduler.Testing.Fuzzing;

/// <summary>
/// Generates requests against every route of the silo (listed from src/OrleansScheduler.Silo: the jobs, runs,
/// occurrences and events APIs, health, metrics, the OpenAPI document, the jobs view and the dashboard's per-silo
/// endpoints): hostile ids, odd query strings, wrong methods and content types, missing or wrong API keys, and PUT
/// bodies from <see cref="FuzzMutator"/>. The dashboard's <c>Trace</c> log stream is left out: it never ends (DashboardTraceTests cover who may open it, issue 21 D4).
/// </summary>
public static class HttpFuzzCases
{
    private static readonly string[] Methods = ["GET", "PUT", "POST", "DELETE", "PATCH", "HEAD", "OPTIONS"];

    private static readonly string?[] ContentTypes =
    [
        "application/json", "application/json", "application/json", "application/json; charset=utf-8", "text/plain",
        "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/problem+json",
        "application/json; charset=latin1", "application/json-patch+json", "*/*", "application/", null,
    ];

    private static readonly string[] QueryNames = ["limit", "after", "state", "count", "minutes", "ticks", "history", "x", "LIMIT", ""];

    private static readonly string[] QueryValues =
    [
        "1", "5", "100", "1000", "1001", "0", "-1", "abc", "2147483648", "-2147483649", "1e3", "1.5", "", "%20", "%00", "%FF",
        "%2e%2e%2F", "active", "paused", "ACTIVE", "deleted", "fz-1", "%E2%80%AE", "99999999999", new string('9', 300),
    ];

    // (route, method, path template, has a body, has a query). {id} is replaced by a job id, {run} by a run id.
    private static readonly (string Method, string Path, bool Body, bool Query)[] Routes =
    [
        ("GET", "/api/jobs", false, true),
        ("GET", "/api/jobs/{id}", false, false),
        ("PUT", "/api/jobs/{id}", true, false),
        ("PUT", "/api/jobs/{id}", true, false),
        ("PUT", "/api/jobs/{id}", true, false),
        ("PUT", "/api/jobs/{id}", true, false),
        ("DELETE", "/api/jobs/{id}", false, false),
        ("POST", "/api/jobs/{id}/pause", false, false),
        ("POST", "/api/jobs/{id}/resume", false, false),
        ("POST", "/api/jobs/{id}/trigger", false, false),
        ("GET", "/api/jobs/{id}/history", false, true),
        ("GET", "/api/jobs/{id}/next", false, true),
        ("GET", "/api/jobs/{id}/events", false, true),
        ("GET", "/api/events", false, true),
        ("GET", "/api/queues", false, false),
        ("GET", "/api/dead-letters", false, true),
        ("POST", "/api/dead-letters/{run}/requeue", false, false),
        ("GET", "/api/timeline", false, true),
        ("GET", "/healthz", false, false),
        ("GET", "/metrics", false, false),
        ("GET", "/openapi/v1.json", false, false),
        ("GET", "/", false, false),
        ("GET", "/ui/{id}", false, false),
        ("GET", "/nope/{id}", false, true),
        ("GET", "/dashboard", false, false),
        ("GET", "/dashboard/HistoricalStats/{id}", false, false),
        ("GET", "/dashboard/SiloProperties/{id}", false, false),
        ("GET", "/dashboard/GrainStats/{id}", false, false),
        ("GET", "/dashboard/ClusterStats", false, false),
    ];

    /// <summary>A request: a route, mostly with its own method and a good API key, sometimes not.</summary>
    /// <param name="random">The case's random source.</param>
    /// <param name="apiKey">The silos' API key.</param>
    /// <param name="existing">Ids of jobs that exist, so some requests reach a real job.</param>
    public static HttpFuzzCase Next(Random random, string apiKey, IReadOnlyList<string> existing)
    {
        ArgumentNullException.ThrowIfNull(random);
        var (method, template, hasBody, hasQuery) = FuzzMutator.Pick(random, Routes);
        var route = $"{method} {template}";
        string? id = null;
        var path = template;
        if (template.Contains("{id}", StringComparison.Ordinal) || template.Contains("{run}", StringComparison.Ordinal))
        {
            var raw = template.Contains("{run}", StringComparison.Ordinal) && random.Next(2) == 0
                ? Uri.EscapeDataString(FuzzMutator.Pick(random, existing.DefaultIfEmpty("fz-1").ToList()) + "@manual-" + random.Next())
                : FuzzIds.Next(random, existing);
            id = Uri.UnescapeDataString(raw);
            path = template.Replace("{id}", raw, StringComparison.Ordinal).Replace("{run}", raw, StringComparison.Ordinal);
        }

        if (hasQuery && random.Next(3) > 0)
        {
            path += "?" + Query(random);
        }

        // One request in eight with a method the route may not take (405, or another route's answer).
        var sent = random.Next(8) == 0 ? FuzzMutator.Pick(random, Methods) : method;
        byte[]? body = null;
        string? contentType = null;
        string? recipe = null;
        if (hasBody || random.Next(10) == 0)
        {
            var input = FuzzMutator.Definition(random);
            body = input.Bytes;
            recipe = input.Recipe;
            contentType = hasBody ? FuzzMutator.Pick(random, ContentTypes) : "application/json";
            if (random.Next(6) == 0 && id is not null)
            {
                body = JsonFields.Set(body, "id", System.Text.Json.JsonSerializer.Serialize(random.Next(2) == 0 ? id : id + "x"));
                recipe += " | set id from the path";
            }
        }

        var key = random.Next(20) switch
        {
            0 => null,
            1 => "wrong-key",
            2 => apiKey.ToUpperInvariant(),
            3 => apiKey + "x",
            _ => apiKey,
        };
        return new HttpFuzzCase(route, sent, path, id, contentType, body, key, recipe);
    }

    private static string Query(Random random)
    {
        var parts = new StringBuilder();
        var count = random.Next(1, 4);
        for (var i = 0; i < count; i++)
        {
            if (i > 0)
            {
                parts.Append(random.Next(10) == 0 ? ";" : "&");
            }

            var name = FuzzMutator.Pick(random, QueryNames);
            parts.Append(name);
            if (random.Next(10) > 0)
            {
                parts.Append('=').Append(FuzzMutator.Pick(random, QueryValues));
            }
        }

        return random.Next(15) == 0 ? parts.Append('&').Append(string.Create(CultureInfo.InvariantCulture, $"limit={random.Next(1, 50)}")).ToString() : parts.ToString();
    }
}
