using System.Globalization;
using OpenQA.Selenium;
using OrleansScheduler.BrowserTests.Support;
using OrleansScheduler.Testing;

namespace OrleansScheduler.BrowserTests;

/// <summary>
/// The README's screenshots, taken of a cluster of its own running realistic demo jobs. Every run leaves them in
/// <c>artifacts/screenshots/</c>; with <c>OSCHED_UPDATE_DOCS_SCREENSHOTS=1</c> it also writes <c>docs/jobs-view.png</c>
/// and <c>docs/job-page.png</c>.
/// </summary>
public sealed class DocsScreenshotTests(ViewCluster cluster, ITestOutputHelper output) : IClassFixture<ViewCluster>, IDisposable
{
    private const string JobPageJob = "metrics-rollup";

    private readonly Browser _browser = Browser.Start(output);

    public void Dispose() => _browser.Dispose();

    [Fact]
    public Task DocsScreenshots_ShowTheJobsListWithTimeline_AndAJobPage() => _browser.RunAsync($"{nameof(DocsScreenshotTests)}.{nameof(DocsScreenshots_ShowTheJobsListWithTimeline_AndAJobPage)}", async () =>
    {
        var jobs = DemoJobs(DateTimeOffset.UtcNow);
        foreach (var (id, definition) in jobs)
        {
            await cluster.PutJobAsync(id, definition);
        }

        await cluster.Api.PostAsync("api/jobs/quarterly-cleanup/pause", null);
        // Enough history to look like a running system: several runs of the job shown, and a dead letter.
        await Eventually.TrueAsync(async () => (await cluster.HistoryRunIdsAsync(JobPageJob)).Count >= 6, $"runs of {JobPageJob}", TimeSpan.FromSeconds(90));
        await Eventually.TrueAsync(async () => (await cluster.DeadLetterRunIdsAsync()).Count > 0, "a dead letter of partner-webhook", TimeSpan.FromSeconds(90));

        _browser.Open(cluster.ViewAddress, "/");
        _browser.WaitUntil(d => d.FindElements(By.CssSelector("#jobs-table tbody tr")).Count == jobs.Count, "every demo job in the table");
        _browser.WaitFor("#timeline svg", "the timeline");
        _browser.WaitFor("#dead-letters-table tbody tr", "the dead letters");
        _browser.FitWindowToPage();
        Save(_browser.Screenshot($"{nameof(DocsScreenshotTests)}.jobs-view"), "jobs-view.png");

        _browser.Driver.Manage().Window.Size = new System.Drawing.Size(1400, 900);
        _browser.Open(cluster.ViewAddress, $"/#/jobs/{JobPageJob}");
        _browser.WaitUntil(d => d.FindElements(By.CssSelector("#history-table tbody tr")).Count >= 6, "the job's runs");
        _browser.WaitUntil(d => d.FindElements(By.CssSelector("#next-occurrences li")).Count == 10, "its next occurrences");
        _browser.FitWindowToPage();
        Save(_browser.Screenshot($"{nameof(DocsScreenshotTests)}.job-page"), "job-page.png");
    });

    /// <summary>Jobs an operator might run: frequent and daily work, two time zones, a failing webhook, a paused job, a one-shot, a missed one-off.</summary>
    private static IReadOnlyList<(string Id, string Definition)> DemoJobs(DateTimeOffset now) =>
    [
        ("cache-warmup", """{"every":"5m","handler":"log","payload":{"message":"warm the product cache"}}"""),
        ("crm-sync", """{"every":"30s","handler":"log","payload":{"message":"sync contacts from the CRM"}}"""),
        // A one-off that fell due while no silo ran, with misfire Skip: never run, shown as missed.
        ("data-migration", """{"at":"AT","handler":"log","payload":{"message":"migrate the old orders"},"misfire":"Skip"}"""
            .Replace("AT", now.AddMinutes(-3).ToString("yyyy-MM-dd'T'HH:mm:00'Z'", CultureInfo.InvariantCulture), StringComparison.Ordinal)),
        ("heartbeat", """{"every":"1s","handler":"log","payload":{"message":"heartbeat"}}"""),
        ("invoice-run", """{"cron":"0 */15 * * * *","tz":"Europe/Berlin","handler":"log","payload":{"message":"send due invoices"}}"""),
        ("launch-announcement", """{"at":"AT","handler":"log","payload":{"message":"announce the launch"}}"""
            .Replace("AT", now.AddMinutes(40).ToString("yyyy-MM-dd'T'HH:mm:00'Z'", CultureInfo.InvariantCulture), StringComparison.Ordinal)),
        (JobPageJob, """{"cron":"*/5 * * * * *","tz":"Europe/Berlin","handler":"log","payload":{"message":"roll up metrics"},"overlap":"Skip"}"""),
        ("nightly-report", """{"cron":"0 30 2 * * *","tz":"Europe/Berlin","handler":"log","payload":{"message":"nightly report"},"misfire":"FireAll"}"""),
        // Nothing listens on port 1: every attempt fails, and after two attempts the run is dead-lettered.
        ("partner-webhook", """{"cron":"*/20 * * * * *","handler":"http","maxAttempts":2,"payload":{"url":"http://127.0.0.1:1/hooks/orders","method":"POST"}}"""),
        ("quarterly-cleanup", """{"cron":"0 0 3 1 */3 *","tz":"UTC","handler":"log","payload":{"message":"archive old runs"}}"""),
        ("weekly-digest", """{"cron":"0 0 8 * * MON","tz":"America/New_York","handler":"log","payload":{"message":"weekly digest"}}"""),
    ];

    private void Save(string screenshot, string docsName)
    {
        if (Artifacts.UpdateDocs)
        {
            var target = Path.Combine(Artifacts.Docs, docsName);
            File.Copy(screenshot, target, overwrite: true);
            output.WriteLine($"updated {target}");
        }
    }
}
