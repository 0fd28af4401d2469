using OrleansScheduler.Cli.Apply;

namespace OrleansScheduler.Cli.Tests;

public sealed class ApplyReportTests
{
    [Theory]
    [InlineData(10000, 9998, 2, 1840, "applied 10000 jobs (9998 created or changed, 2 unchanged) in 1.84 s")]
    [InlineData(1, 1, 0, 5, "applied 1 job (1 created or changed, 0 unchanged) in 0.01 s")]
    [InlineData(0, 0, 0, 0, "applied 0 jobs (0 created or changed, 0 unchanged) in 0.00 s")]
    [InlineData(5, 2, 1, 1000, "applied 3 of 5 jobs (2 created or changed, 1 unchanged) in 1.00 s")]
    public void Summary_CountsWhatWasApplied(int total, int changed, int unchanged, int milliseconds, string expected)
    {
        var report = new ApplyReport { Total = total, Changed = changed, Unchanged = unchanged, Elapsed = TimeSpan.FromMilliseconds(milliseconds) };

        Assert.Equal(expected, report.Summary());
    }
}
