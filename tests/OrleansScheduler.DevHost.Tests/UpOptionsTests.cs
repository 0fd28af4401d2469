namespace OrleansScheduler.DevHost.Tests;

public sealed class UpOptionsTests
{
    [Fact]
    public void Parse_ReadsEveryOptionOfUpSh_AndIgnoresNoBuild()
    {
        var options = UpOptions.Parse(["--detach", "--no-build", "--no-demo", "--fresh", "--redis-port", "6380", "--run-dir", "/tmp/x"]);

        Assert.Equal(new UpOptions { Detach = true, Demo = false, Fresh = true, RedisPort = 6380, RunDirectory = "/tmp/x" }, options);
    }

    [Fact]
    public void Parse_KeepsUpShsDefaults_WhenNoOptionIsGiven()
    {
        Assert.Equal(new UpOptions { Detach = false, Demo = true, Fresh = false, RedisPort = null, RunDirectory = null }, UpOptions.Parse([]));
    }

    [Theory]
    [InlineData(new[] { "--redis-port" }, "--redis-port needs a port number")]
    [InlineData(new[] { "--redis-port", "x" }, "--redis-port needs a port number")]
    [InlineData(new[] { "--run-dir", "" }, "--run-dir needs a directory")]
    [InlineData(new[] { "--verbose" }, "unknown option: --verbose")]
    public void Parse_SaysWhatUpShSaid_WhenTheCommandLineIsBad(string[] arguments, string message)
    {
        Assert.Equal(message, Assert.Throws<UsageException>(() => UpOptions.Parse(arguments)).Message);
    }
}
