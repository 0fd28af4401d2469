using System.Net;
using System.Text.Json;

namespace OrleansScheduler.EndToEndTests.Support;

/// <summary>Reads an RFC 9457 problem details answer, failing the test on anything else.</summary>
public static class Problem
{
    /// <summary>
    /// Asserts that <paramref name="response"/> has status <paramref name="expected"/> and an
    /// <c>application/problem+json</c> body with that <c>status</c> and a <c>title</c>, and returns the body.
    /// </summary>
    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await ReadBodyAsync(response);
        var request = $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.PathAndQuery}";
        Assert.True(response.StatusCode == expected, $"{request}: expected {(int)expected}, got {(int)response.StatusCode} with body \"{body}\"");
        Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json",
            $"{request}: expected problem details, got Content-Type \"{response.Content.Headers.ContentType}\" and body \"{body}\"");
        var problem = JsonDocument.Parse(body).RootElement.Clone();
        Assert.Equal((int)expected, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()), $"{request}: the problem has no title: {body}");
        return problem;
    }

    // Bounded: an endpoint that streams (the dashboard's log, where a problem was expected) never ends its body.
    private static async Task<string> ReadBodyAsync(HttpResponseMessage response)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            return await response.Content.ReadAsStringAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            return "(a body still streaming after 10 s)";
        }
    }

    /// <summary>The messages of a problem's <c>errors</c> array.</summary>
    public static IReadOnlyList<string> Errors(JsonElement problem) =>
        [.. problem.GetProperty("errors").EnumerateArray().Select(e => e.GetString()!)];
}
