using OrleansScheduler.Testing;

namespace OrleansScheduler.BrowserTests.Support;

/// <summary>
/// Debian's headless Chromium and its chromedriver, found on PATH. Nothing is ever downloaded: a machine without them
/// fails the browser tests with a message that says what to install.
/// </summary>
public static class Chromium
{
    /// <summary>What to run when either is missing (scripts/test.sh does it, as root).</summary>
    public const string InstallHint = "install Debian's packages: apt-get install -y chromium chromium-driver (scripts/test.sh does this when run as root)";

    /// <summary>The <c>chromium</c> program.</summary>
    /// <exception cref="InvalidOperationException">It is not on PATH.</exception>
    public static string Browser =>
        Executables.Find("chromium") ?? throw new InvalidOperationException($"the browser tests need headless Chromium, but chromium is not on PATH: {InstallHint}");

    /// <summary>The <c>chromedriver</c> program that drives it.</summary>
    /// <exception cref="InvalidOperationException">It is not on PATH.</exception>
    public static string Driver =>
        Executables.Find("chromedriver") ?? throw new InvalidOperationException($"the browser tests need chromedriver, but it is not on PATH: {InstallHint}");
}
