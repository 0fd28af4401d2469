using System.Drawing;
using System.Globalization;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;

namespace OrleansScheduler.BrowserTests.Support;

/// <summary>
/// A fresh headless Chromium (its own temp profile) driven through chromedriver, both Debian's from PATH, so Selenium
/// Manager never looks for or downloads either. One per test: session storage (the API key) starts empty.
/// </summary>
public sealed class Browser : IDisposable
{
    /// <summary>How long a wait for the page lasts before the test fails: generous, the tests assert behaviour.</summary>
    public static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(45);

    private static readonly Size WindowSize = new(1400, 900);

    private readonly ITestOutputHelper _output;
    private readonly string _profile;
    private readonly ChromeDriverService _service;

    private Browser(ITestOutputHelper output, string profile, ChromeDriverService service, ChromeDriver driver)
    {
        _output = output;
        _profile = profile;
        _service = service;
        Driver = driver;
    }

    /// <summary>The WebDriver session.</summary>
    public ChromeDriver Driver { get; }

    /// <summary>Starts Chromium with a fresh profile and a 1400×900 window.</summary>
    /// <exception cref="InvalidOperationException">chromium or chromedriver is not on PATH.</exception>
    public static Browser Start(ITestOutputHelper output)
    {
        var driverPath = Chromium.Driver;
        var options = new ChromeOptions { BinaryLocation = Chromium.Browser };
        var profile = Path.Combine(Path.GetTempPath(), "osched-chromium-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(profile);
        options.AddArguments(
            "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-default-apps",
            $"--user-data-dir={profile}",
            string.Create(CultureInfo.InvariantCulture, $"--window-size={WindowSize.Width},{WindowSize.Height}"));
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(driverPath)!, Path.GetFileName(driverPath));
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;
        try
        {
            return new Browser(output, profile, service, new ChromeDriver(service, options, TimeSpan.FromSeconds(60)));
        }
        catch
        {
            service.Dispose();
            TryDelete(profile);
            throw;
        }
    }

    /// <summary>Opens a path of the view, e.g. <c>/</c> or <c>/#/jobs/nightly</c>.</summary>
    public void Open(Uri baseAddress, string path) => Driver.Navigate().GoToUrl(new Uri(baseAddress, path));

    /// <summary>Waits until <paramref name="condition"/> returns a value (not null, not false), ignoring elements not there yet or replaced.</summary>
    /// <exception cref="WebDriverTimeoutException">It did not in time; the message says what was awaited.</exception>
    public T WaitUntil<T>(Func<IWebDriver, T?> condition, string what, TimeSpan? timeout = null)
    {
        var wait = new WebDriverWait(Driver, timeout ?? DefaultWait) { PollingInterval = TimeSpan.FromMilliseconds(200), Message = $"waiting for {what}" };
        wait.IgnoreExceptionTypes(typeof(NoSuchElementException), typeof(StaleElementReferenceException));
        return wait.Until(condition)!;
    }

    /// <summary>Waits for a displayed element matching <paramref name="css"/>.</summary>
    public IWebElement WaitFor(string css, string what, TimeSpan? timeout = null) =>
        WaitUntil(d => d.FindElements(By.CssSelector(css)).FirstOrDefault(e => e.Displayed), what, timeout);

    /// <summary>Clicks the displayed element matching <paramref name="css"/> once it is enabled.</summary>
    public void Click(string css, string what) =>
        WaitUntil(d =>
        {
            var element = d.FindElements(By.CssSelector(css)).FirstOrDefault(e => e.Displayed && e.Enabled);
            element?.Click();
            return element is not null;
        }, what);

    /// <summary>Whether the modal dialog with this id is open.</summary>
    public bool IsDialogOpen(string id) => (bool)Driver.ExecuteScript($"return document.getElementById('{id}').open;")!;

    /// <summary>How many times the page has asked for the API key.</summary>
    public int ApiKeyPrompts => Convert.ToInt32(Driver.ExecuteScript("return Number(document.getElementById('api-key-dialog').dataset.prompts ?? 0);"), CultureInfo.InvariantCulture);

    /// <summary>
    /// Waits for the API key prompt, enters <paramref name="key"/>, and waits until the prompt has closed or, when the
    /// silo rejected the key, opened again.
    /// </summary>
    public void EnterApiKey(string key)
    {
        WaitUntil(_ => IsDialogOpen("api-key-dialog"), "the API key prompt");
        var prompts = ApiKeyPrompts;
        var input = Driver.FindElement(By.Id("api-key-input"));
        input.Clear();
        input.SendKeys(key);
        Driver.FindElement(By.Id("api-key-submit")).Click();
        WaitUntil(_ => !IsDialogOpen("api-key-dialog") || ApiKeyPrompts > prompts, "the API key prompt to close (or to ask again)");
    }

    /// <summary>Saves a screenshot of the window as <c>artifacts/screenshots/{name}.png</c> and returns its path.</summary>
    public string Screenshot(string name)
    {
        var path = Path.Combine(Artifacts.Screenshots, name + ".png");
        Driver.GetScreenshot().SaveAsFile(path);
        _output.WriteLine($"screenshot: {path}");
        return path;
    }

    /// <summary>Resizes the window to show the whole page (up to <paramref name="maxHeight"/> pixels).</summary>
    public void FitWindowToPage(int maxHeight = 2400)
    {
        var height = Convert.ToInt32(Driver.ExecuteScript("return Math.ceil(document.documentElement.scrollHeight);"), CultureInfo.InvariantCulture);
        var chrome = Convert.ToInt32(Driver.ExecuteScript("return window.outerHeight - window.innerHeight;"), CultureInfo.InvariantCulture);
        // A few pixels more than measured, so no scroll bar is left to narrow the page.
        Driver.Manage().Window.Size = new Size(WindowSize.Width, Math.Min(maxHeight, height + chrome + 16));
    }

    /// <summary>
    /// Runs a test's steps; saves a screenshot when they end (<c>{name}.png</c>) or fail (<c>{name}-failure.png</c>,
    /// with the page's HTML beside it), so every run leaves a picture of what the page showed.
    /// </summary>
    public async Task RunAsync(string name, Func<Task> steps, Action? onFailure = null)
    {
        try
        {
            await steps();
            Screenshot(name);
        }
        catch
        {
            try
            {
                Screenshot(name + "-failure");
                await File.WriteAllTextAsync(Path.Combine(Artifacts.Screenshots, name + "-failure.html"), Driver.PageSource);
            }
            catch (WebDriverException ex)
            {
                _output.WriteLine($"no failure screenshot: {ex.Message}");
            }

            onFailure?.Invoke();
            throw;
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        try
        {
            Driver.Quit();
        }
        finally
        {
            Driver.Dispose();
            _service.Dispose();
            TryDelete(_profile);
        }
    }

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // Chromium may still be writing its profile as it exits; a leftover temp directory is harmless.
        }
    }
}
