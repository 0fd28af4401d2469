using OrleansScheduler.Testing;

namespace OrleansScheduler.BrowserTests.Support;

/// <summary>Where the browser tests leave what a person looks at: screenshots of every test and of every failure.</summary>
public static class Artifacts
{
    /// <summary>The environment variable that makes <c>DocsScreenshotTests</c> write the README's screenshots to <c>docs/</c>.</summary>
    public const string UpdateDocsVariable = "OSCHED_UPDATE_DOCS_SCREENSHOTS";

    /// <summary><c>artifacts/screenshots/</c> under the repository root (created on first use).</summary>
    public static string Screenshots
    {
        get
        {
            var directory = Path.Combine(RepositoryPaths.Root, "artifacts", "screenshots");
            Directory.CreateDirectory(directory);
            return directory;
        }
    }

    /// <summary><c>docs/</c> under the repository root.</summary>
    public static string Docs => Path.Combine(RepositoryPaths.Root, "docs");

    /// <summary>Whether the docs screenshots are to be regenerated (<see cref="UpdateDocsVariable"/> is 1).</summary>
    public static bool UpdateDocs => Environment.GetEnvironmentVariable(UpdateDocsVariable) == "1";
}
