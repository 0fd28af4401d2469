using System.Text.RegularExpressions;

namespace OrleansScheduler.Tests.Docs;

/// <summary>
/// src/OrleansScheduler/CONTEXT.md is the library's map: every file, member and test it names must exist, or the map
/// has drifted from the house. Fix the map in the same change that moves or renames what it names.
/// </summary>
public sealed partial class ContextMapTests
{
    private static readonly string Root = FindRoot();
    private static readonly string Library = Path.Combine(Root, "src", "OrleansScheduler");
    private static readonly string Map = File.ReadAllText(Path.Combine(Library, "CONTEXT.md"));

    [Fact]
    public void EveryFileItNames_Exists()
    {
        var missing = FilePath().Matches(Map).Select(m => m.Groups["path"].Value).Distinct()
            .Where(path => !File.Exists(Path.Combine(Library, path))).ToList();

        Assert.True(missing.Count == 0, $"CONTEXT.md names files that do not exist: {string.Join(", ", missing)}");
    }

    [Fact]
    public void EveryMemberItNames_IsInTheFileItNames()
    {
        var anchors = Anchor().Matches(Map).Select(m => (Path: m.Groups["path"].Value, Symbol: m.Groups["symbol"].Value)).ToList();
        var missing = anchors.Where(a => !File.ReadAllText(Path.Combine(Library, a.Path)).Contains(a.Symbol, StringComparison.Ordinal)).ToList();

        Assert.NotEmpty(anchors);
        Assert.True(missing.Count == 0, $"CONTEXT.md names code that is not where it says: {string.Join(", ", missing.Select(a => $"{a.Path} · {a.Symbol}"))}");
    }

    [Fact]
    public void EveryTestClassItNames_Exists()
    {
        var testFiles = Directory.EnumerateFiles(Path.Combine(Root, "tests"), "*Tests*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(f => File.ReadAllText(f)).ToList();
        var named = TestClass().Matches(Map).Select(m => m.Groups["name"].Value).Distinct().ToList();
        var missing = named.Where(name => !testFiles.Any(text => text.Contains($"class {name}", StringComparison.Ordinal))).ToList();

        Assert.NotEmpty(named);
        Assert.True(missing.Count == 0, $"CONTEXT.md names test classes that do not exist: {string.Join(", ", missing)}");
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "OrleansScheduler.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("OrleansScheduler.sln not found above the test's directory");
    }

    [GeneratedRegex(@"`(?<path>(?:Scheduling|Firing|Execution|Settlement|Recovery|Inspection|Redis|Hosting|Diagnostics|Handlers)/[\w./]+\.cs)`")]
    private static partial Regex FilePath();

    [GeneratedRegex(@"`(?<path>[\w/]+\.cs)` · `(?<symbol>[^`]+)`")]
    private static partial Regex Anchor();

    [GeneratedRegex(@"`(?<name>\w+Test\w*)`")]
    private static partial Regex TestClass();
}
