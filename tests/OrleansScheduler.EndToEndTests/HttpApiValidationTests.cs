using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using OrleansScheduler.EndToEndTests.Support;

namespace OrleansScheduler.EndToEndTests;

/// <summary>
/// <c>PUT /api/jobs/{id}</c> with the bad input of issue 21's review (D1, D2, D3, D5, D6, D11), against real silo
/// processes: every one answers 400 problem details whose <c>errors</c> name the field in the document's terms, and
/// stores nothing (the job does not exist afterwards).
/// </summary>
public sealed class HttpApiValidationTests(ProcessCluster cluster) : IClassFixture<ProcessCluster>, IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = cluster.Silos[0].BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task D1_PutJob_Answers400NamingThePayload_AndStoresNothing_WhenThePayloadIsInvalidUtf8()
    {
        // On 09fee01: 500, "An error occurred while processing your request."
        var errors = await PutRejectedAsync([.. """{"every":"1h","handler":"log","payload":"""u8, 0x22, 0xFF, 0xFE, 0x22, .. "}"u8]);

        Assert.Equal(["payload: is not valid UTF-8"], errors);
    }

    [Theory]
    [InlineData("""{"cron":"0 0 30 2 *","handler":"log"}""", "cron: \"0 0 30 2 *\" never occurs: it has no occurrence in the next 100 years")]
    [InlineData("""{"cron":"0 0 31 4 *","handler":"log"}""", "cron: \"0 0 31 4 *\" never occurs")]
    [InlineData("""{"cron":"0 0 0 31W 2 *","handler":"log"}""", "cron: \"0 0 0 31W 2 *\" never occurs")]
    [InlineData("""{"cron":"0 0 30 2 1#5","handler":"log"}""", "cron: \"0 0 30 2 1#5\" never occurs")]
    [InlineData("""{"every":"3000000d","handler":"log"}""", "every: \"3000000d\" reaches past the end of the calendar")]
    [InlineData("""{"every":"10675199d","handler":"log"}""", "every: \"10675199d\" reaches past the end of the calendar")]
    public async Task D2_PutJob_Answers400WithTheReason_AndStoresNothing_WhenTheScheduleNeverFires(string body, string expected)
    {
        // On 09fee01: 201 with no nextDue; the job was listed as active and never ran.
        var errors = await PutRejectedAsync(Encoding.UTF8.GetBytes(body));

        Assert.StartsWith(expected, Assert.Single(errors), StringComparison.Ordinal);
    }

    [Fact]
    public async Task D3_PutJob_Answers400WithTheEarliestInstant_AndStoresNothing_WhenAOneShotIsAtTheFirstOfTheCalendar()
    {
        // On 09fee01: 201, no nextDue, no run, kept for good.
        var errors = await PutRejectedAsync("""{"at":"0001-01-01T00:00:00Z","handler":"log"}"""u8.ToArray());

        Assert.Equal(["at: \"0001-01-01T00:00:00.000Z\" is before 1970-01-01T00:00:00Z, the earliest instant accepted"], errors);
    }

    [Theory]
    [InlineData("""{"every":"1h","every":"1s","handler":"log"}""", "every: is given more than once")]
    [InlineData("""{"every":"1h","handler":"log","maxAttempts":"3"}""", "maxAttempts: expected a whole number, found a string")]
    [InlineData("""{"Every":"1h","HANDLER":"log"}""", "Every: is not a known field; field names are case-sensitive camelCase")]
    [InlineData("""{"every":"1h1h","handler":"log"}""", "every: \"1h1h\" is not a duration")]
    public async Task D5_PutJob_Answers400_AndStoresNothing_WhenTheJsonIsLenient(string body, string expected)
    {
        // On 09fee01 each was scheduled: the last duplicate won, "3" read as 3, any case matched, 1h1h read as 2h.
        var errors = await PutRejectedAsync(Encoding.UTF8.GetBytes(body));

        Assert.StartsWith(expected, Assert.Single(errors), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"cron":"0 0 * * *\u0000","handler":"log"}""", "cron")]
    [InlineData("""{"cron":"0 0 * * *","tz":"UTC\n","handler":"log"}""", "tz")]
    [InlineData("""{"every":"1h","handler":"log","queue":"default\t"}""", "queue")]
    [InlineData("""{"every":"1h","handler":"log","misfire":"Skip\u001b"}""", "misfire")]
    [InlineData("""{"every":"1h","handler":"http","payload":{"url":"http://127.0.0.1:1/","headers":{"X-A":"a\r\nX-B: b"}}}""", "payload.headers[\"X-A\"]")]
    public async Task D6_PutJob_Answers400NamingTheField_AndStoresNothing_WhenAFieldHoldsAControlCharacter(string body, string field)
    {
        // On 09fee01 the cron with a NUL was stored (201) and shown with it; the others were refused without saying why.
        var errors = await PutRejectedAsync(Encoding.UTF8.GetBytes(body));

        Assert.StartsWith($"{field}: has a control character (U+", Assert.Single(errors), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""[{"every":"1h","handler":"log"}]""", "body: expected an object")]
    [InlineData("""{"cron":5,"handler":"log"}""", "cron: expected a string, found a number")]
    [InlineData("""{"every":"1h","handler":"log","payload":{"bogus":1}}""", "payload.bogus: is not a known field")]
    [InlineData("""{"every":"1h","handler":"log","payload":{"level":7}}""", "payload.level: expected a string, found a number")]
    public async Task D11_PutJob_Answers400InJsonTerms_NotNamingDotNetTypes(string body, string expected)
    {
        // On 09fee01: "could not be converted to OrleansScheduler.Json.JobDefinition", "… to System.String",
        // "… contained in type 'OrleansScheduler.Handlers.LogPayload'".
        var errors = await PutRejectedAsync(Encoding.UTF8.GetBytes(body));

        var error = Assert.Single(errors);
        Assert.StartsWith(expected, error, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", error, StringComparison.Ordinal);
        Assert.DoesNotContain("OrleansScheduler.", error, StringComparison.Ordinal);
    }

    /// <summary>PUTs <paramref name="body"/> as a new job; asserts a 400 problem details and that no job was stored; returns its errors.</summary>
    private async Task<List<string>> PutRejectedAsync(byte[] body)
    {
        var id = "api-val-" + Guid.NewGuid().ToString("N")[..8];
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/jobs/{id}") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-Api-Key", ProcessCluster.ApiKey);

        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, (await _http.GetAsync($"/api/jobs/{id}")).StatusCode);
        var problem = JsonDocument.Parse(text).RootElement;
        return [.. problem.GetProperty("errors").EnumerateArray().Select(e => e.GetString()!)];
    }
}
