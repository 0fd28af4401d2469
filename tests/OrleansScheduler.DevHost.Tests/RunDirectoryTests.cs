namespace OrleansScheduler.DevHost.Tests;

public sealed class RunDirectoryTests
{
    [Fact]
    public void DownArguments_IsEmpty_ForTheDefaultRunDirectory()
    {
        Assert.Equal("", new RunDirectory("/repo", "/repo/.run").DownArguments);
    }

    [Fact]
    public void DownArguments_QuotesTheDirectoryAsBashPrintfQDoes_ForAnyOtherRunDirectory()
    {
        Assert.Equal(" --run-dir /tmp/my\\ run", new RunDirectory("/repo", "/tmp/my run").DownArguments);
    }

    [Theory]
    [InlineData("/repo/.run/logs/silo1.log", ".run/logs/silo1.log")]
    [InlineData("/tmp/run/logs/silo1.log", "/tmp/run/logs/silo1.log")]
    [InlineData("/repository/x", "/repository/x")]
    public void Show_PrintsPathsInsideTheRepositoryRelativeToIt(string path, string shown)
    {
        Assert.Equal(shown, new RunDirectory("/repo", "/repo/.run").Show(path));
    }
}
