using OpenQA.Selenium;
using OrleansScheduler.BrowserTests.Support;
using OrleansScheduler.Testing;

namespace OrleansScheduler.BrowserTests;

/// <summary>
/// The jobs view in a real headless Chromium against two real silo processes and a real redis-server. The silos
/// require an API key, so every button that changes something also goes through the page's key prompt.
/// </summary>
public sealed class JobsViewTests(ViewCluster cluster, ITestOutputHelper output) : IClassFixture<ViewCluster>, IDisposable
{
    private readonly Browser _browser = Browser.Start(output);

    public void Dispose() => _browser.Dispose();

    [Fact]
    public Task JobsView_ListsAScheduledJob_WithItsScheduleInWords_AndDrawsItOnTheTimeline() => RunAsync(nameof(JobsView_ListsAScheduledJob_WithItsScheduleInWords_AndDrawsItOnTheTimeline), async () =>
    {
        var id = NewId("listed");
        await cluster.PutJobAsync(id, """{"cron":"0 */5 * * * *","tz":"Europe/Berlin","handler":"log"}""");

        _browser.Open(cluster.ViewAddress, "/");

        var row = _browser.WaitUntil(d => RowOf(d, "#jobs-table", id), $"job {id} in the jobs table");
        Assert.Contains("every 5 minutes", row.Text, StringComparison.Ordinal);
        Assert.Contains("cron 0 */5 * * * *", row.Text, StringComparison.Ordinal);
        Assert.Contains("Europe/Berlin", row.Text, StringComparison.Ordinal);
        Assert.Contains("Active", row.Text, StringComparison.Ordinal);
        _browser.WaitFor($"#timeline g[data-job='{id}'] rect.tick", $"ticks of {id} on the timeline");
        Assert.Equal("live", _browser.WaitUntil(d => d.FindElement(By.Id("connection")).Text is "live" and var text ? text : null, "the live connection"));
        Assert.EndsWith("/dashboard", _browser.Driver.FindElement(By.LinkText("Orleans Dashboard")).GetAttribute("href"), StringComparison.Ordinal);
    });

    [Fact]
    public Task MissedRun_ShowsAsABadgeInTheList_AndOnTheJobPage() => RunAsync(nameof(MissedRun_ShowsAsABadgeInTheList_AndOnTheJobPage), async () =>
    {
        var id = NewId("missed");
        // A one-shot due a minute ago with misfire Skip: never run, recorded as missed.
        var at = InstantFormat.Format(DateTimeOffset.UtcNow.AddMinutes(-1));
        await cluster.PutJobAsync(id, $$"""{"at":"{{at}}","handler":"log","misfire":"Skip"}""");

        _browser.Open(cluster.ViewAddress, "/");
        var row = _browser.WaitUntil(d => RowOf(d, "#jobs-table", id) is { } r && r.Text.Contains("missed 1", StringComparison.Ordinal) ? r : null, $"the missed badge of {id}");
        Assert.Contains("misfire", row.FindElement(By.CssSelector(".badge.warn")).GetAttribute("title"), StringComparison.Ordinal);

        _browser.Open(cluster.ViewAddress, $"/#/jobs/{id}");
        _browser.WaitUntil(d => d.FindElement(By.TagName("main")).Text.Contains("1 (misfire), the last at", StringComparison.Ordinal), "the missed line on the job page");
    });

    [Fact]
    public Task JobPage_ShowsNewRunsAsTheyHappen_WithoutAReload() => RunAsync(nameof(JobPage_ShowsNewRunsAsTheyHappen_WithoutAReload), async () =>
    {
        var id = NewId("live");
        await cluster.PutJobAsync(id, """{"every":"2s","handler":"log","payload":{"message":"live"}}""");

        _browser.Open(cluster.ViewAddress, $"/#/jobs/{id}");
        _browser.Driver.ExecuteScript("window.__loadedOnce = true;");
        var first = _browser.WaitUntil(d => HistoryRows(d) is { Count: > 0 } rows ? rows : null, "a first run in the history table").Count;
        var later = _browser.WaitUntil(d => HistoryRows(d) is var rows && rows.Count > first ? rows : null, "more runs to appear").Count;

        Assert.True(later > first);
        Assert.Equal(true, _browser.Driver.ExecuteScript("return window.__loadedOnce === true;"));
        Assert.Contains("Succeeded", HistoryRows(_browser.Driver)[0].Text, StringComparison.Ordinal);
    });

    [Fact]
    public Task PauseAndResumeButtons_ChangeTheJob_AskingForTheApiKeyOnlyOnce() => RunAsync(nameof(PauseAndResumeButtons_ChangeTheJob_AskingForTheApiKeyOnlyOnce), async () =>
    {
        var id = NewId("pause");
        await cluster.PutJobAsync(id, """{"every":"1m","handler":"log"}""");
        _browser.Open(cluster.ViewAddress, $"/#/jobs/{id}");

        _browser.Click("button[data-action='pause']", "the Pause button");
        _browser.EnterApiKey(ViewCluster.ApiKey);
        await Eventually.TrueAsync(async () => (await cluster.GetJobAsync(id))?.GetProperty("paused").GetBoolean() == true, "the API to show the job paused");
        _browser.WaitFor("button[data-action='resume']", "the Resume button");
        _browser.Screenshot(nameof(PauseAndResumeButtons_ChangeTheJob_AskingForTheApiKeyOnlyOnce) + "-paused");

        _browser.Click("button[data-action='resume']", "the Resume button");
        await Eventually.TrueAsync(async () => (await cluster.GetJobAsync(id))?.GetProperty("paused").GetBoolean() == false, "the API to show the job resumed");
        _browser.WaitFor("button[data-action='pause']", "the Pause button again");
        Assert.False(_browser.IsDialogOpen("api-key-dialog"), "the key is asked for once per tab");
    });

    [Fact]
    public Task TriggerButton_StartsARun_ThatAppearsInTheHistory() => RunAsync(nameof(TriggerButton_StartsARun_ThatAppearsInTheHistory), async () =>
    {
        var id = NewId("trigger");
        await cluster.PutJobAsync(id, """{"cron":"0 0 1 1 *","handler":"log"}""");
        _browser.Open(cluster.ViewAddress, $"/#/jobs/{id}");
        _browser.WaitFor("#history-table", "the history table");
        Assert.Empty(HistoryRows(_browser.Driver));

        _browser.Click("button[data-action='trigger']", "the Trigger button");
        _browser.EnterApiKey(ViewCluster.ApiKey);

        var row = _browser.WaitUntil(d => HistoryRows(d).FirstOrDefault(r => r.Text.Contains($"{id}@manual-", StringComparison.Ordinal)), "the triggered run on the page");
        Assert.Contains("Succeeded", row.Text, StringComparison.Ordinal);
        Assert.Contains(await cluster.HistoryRunIdsAsync(id), r => r.StartsWith($"{id}@manual-", StringComparison.Ordinal));
    });

    [Fact]
    public Task DeleteButton_AsksForConfirmation_AndDeletesOnlyWhenConfirmed() => RunAsync(nameof(DeleteButton_AsksForConfirmation_AndDeletesOnlyWhenConfirmed), async () =>
    {
        var id = NewId("delete");
        await cluster.PutJobAsync(id, """{"every":"1h","handler":"log"}""");
        _browser.Open(cluster.ViewAddress, $"/#/jobs/{id}");

        _browser.Click("button[data-action='delete']", "the Delete button");
        _browser.WaitUntil(_ => _browser.IsDialogOpen("confirm-dialog"), "the confirmation");
        _browser.Click("#confirm-dialog button[value='cancel']", "Cancel");
        Assert.NotNull(await cluster.GetJobAsync(id));

        _browser.Click("button[data-action='delete']", "the Delete button");
        _browser.WaitUntil(_ => _browser.IsDialogOpen("confirm-dialog"), "the confirmation");
        _browser.Click("#confirm-ok", "Delete in the confirmation");
        _browser.EnterApiKey(ViewCluster.ApiKey);

        await Eventually.TrueAsync(async () => await cluster.GetJobAsync(id) is null, "the API to answer 404 for the job");
        _browser.WaitFor("#jobs-table", "the jobs list after the delete");
    });

    [Fact]
    public Task WrongApiKey_IsAskedForAgain_AndCancellingShowsTheProblemDetails() => RunAsync(nameof(WrongApiKey_IsAskedForAgain_AndCancellingShowsTheProblemDetails), async () =>
    {
        var id = NewId("badkey");
        await cluster.PutJobAsync(id, """{"every":"1h","handler":"log"}""");
        _browser.Open(cluster.ViewAddress, $"/#/jobs/{id}");

        _browser.Click("button[data-action='pause']", "the Pause button");
        _browser.EnterApiKey("not-the-key");
        _browser.WaitUntil(_ => _browser.IsDialogOpen("api-key-dialog") && _browser.ApiKeyPrompts == 2, "the prompt to ask again");
        Assert.Contains("did not accept", _browser.Driver.FindElement(By.Id("api-key-reason")).Text, StringComparison.Ordinal);
        _browser.Click("#api-key-dialog button[value='cancel']", "Cancel");

        var notice = _browser.WaitFor(".notice.error", "the error shown to the user");
        Assert.Contains("API key required", notice.Text, StringComparison.Ordinal);
        Assert.Contains("X-Api-Key", notice.Text, StringComparison.Ordinal);
        Assert.False((await cluster.GetJobAsync(id))?.GetProperty("paused").GetBoolean());
    });

    [Fact]
    public Task RequeueButton_PutsADeadLetterBack_AndItRunsAgain() => RunAsync(nameof(RequeueButton_PutsADeadLetterBack_AndItRunsAgain), async () =>
    {
        var id = NewId("dead");
        // Nothing listens on port 1: the http handler fails at once, and one attempt is all it gets.
        await cluster.PutJobAsync(id, """{"cron":"0 0 1 1 *","handler":"http","maxAttempts":1,"payload":{"url":"http://127.0.0.1:1/"}}""");
        var runId = await cluster.TriggerAsync(id);
        await Eventually.TrueAsync(async () => (await cluster.DeadLetterRunIdsAsync()).Contains(runId), "the run among the dead letters");
        _browser.Open(cluster.ViewAddress, "/");

        _browser.Click($"button[data-action='requeue'][data-run-id='{runId}']", $"the Requeue button of {runId}");
        _browser.EnterApiKey(ViewCluster.ApiKey);

        _browser.WaitUntil(d => d.FindElements(By.CssSelector(".notice.info")).FirstOrDefault(n => n.Text.Contains($"Requeued {runId}", StringComparison.Ordinal)), "the confirmation");
        await Eventually.TrueAsync(
            async () => (await cluster.GetJobAsync(id))?.GetProperty("counts").GetProperty("deadLettered").GetInt32() == 2,
            "the requeued run to run (and fail) again", TimeSpan.FromSeconds(60));
    });

    private static string NewId(string what) => $"web-{what}-{Guid.NewGuid().ToString("N")[..8]}";

    private static IWebElement? RowOf(IWebDriver driver, string table, string id) =>
        driver.FindElements(By.CssSelector($"{table} tbody tr")).FirstOrDefault(r => r.GetAttribute("data-key") == id);

    private static IReadOnlyList<IWebElement> HistoryRows(IWebDriver driver) => driver.FindElements(By.CssSelector("#history-table tbody tr"));

    private Task RunAsync(string name, Func<Task> steps) =>
        _browser.RunAsync($"{nameof(JobsViewTests)}.{name}", steps, () => cluster.WriteLogTails(output));
}
