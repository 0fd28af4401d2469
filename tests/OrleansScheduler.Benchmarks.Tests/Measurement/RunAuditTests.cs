using OrleansScheduler.Benchmarks.Infrastructure;
using OrleansScheduler.Benchmarks.Measurement;

namespace OrleansScheduler.Benchmarks.Tests.Measurement;

public sealed class RunAuditTests
{
    private const long Due = 1_800_000_000_000;

    [Fact]
    public void Of_CountsExecutedAndLags_WhenEveryExpectedOccurrenceSucceededOnce()
    {
        var audit = RunAudit.Of(
            [new("a", Due), new("b", Due)],
            Histories(Run("a", Due, startedAt: Due + 3), Run("b", Due, startedAt: Due + 7, silo: "s2")));

        Assert.Equal(2, audit.Expected);
        Assert.Equal(2, audit.Executed);
        Assert.Equal(0, audit.Missing);
        Assert.Equal(0, audit.Duplicated);
        Assert.Equal([3L, 7L], audit.LagsMs.Order());
        Assert.Equal(Due + 7, audit.LastStartedAt);
        Assert.Equal(Due + 8, audit.LastFinishedAt);
        Assert.Equal(1, audit.PerSilo["s2"]);
    }

    [Fact]
    public void Of_CountsMissing_WhenAnExpectedOccurrenceHasNoSuccess()
    {
        var audit = RunAudit.Of(
            [new("a", Due), new("a", Due + 1000), new("b", Due)],
            Histories(Run("a", Due), Run("a", Due + 1000, status: "Skipped", attempt: 0)));

        Assert.Equal(3, audit.Expected);
        Assert.Equal(1, audit.Executed);
        Assert.Equal(2, audit.Missing);
        Assert.Equal(1, audit.NotSucceeded);
    }

    [Fact]
    public void Of_CountsDuplicated_WhenOneRunIdSucceededTwiceAtItsFirstAttempt_EvenOutsideTheExpectedOccurrences()
    {
        var audit = RunAudit.Of(
            [new("a", Due)],
            Histories(Run("a", Due), Run("a", Due), Run("a", Due - 1000), Run("a", Due - 1000)));

        Assert.Equal(2, audit.Duplicated);
        Assert.Equal(1, audit.Executed);
        Assert.Single(audit.LagsMs);
    }

    [Fact]
    public void Of_CountsARetriedSuccessAsExecuted_ButNotAsADuplicate()
    {
        var audit = RunAudit.Of(
            [new("a", Due)],
            Histories(Run("a", Due, status: "Failed", startedAt: Due + 1), Run("a", Due, attempt: 2, startedAt: Due + 2001)));

        Assert.Equal(1, audit.Executed);
        Assert.Equal(0, audit.Duplicated);
        Assert.Equal([2001L], audit.LagsMs);
    }

    [Fact]
    public void Of_ReportsNoTimes_WhenNothingRan()
    {
        var audit = RunAudit.Of([new("a", Due)], Histories());

        Assert.Equal(1, audit.Missing);
        Assert.Null(audit.FirstStartedAt);
        Assert.Null(audit.LastFinishedAt);
        Assert.Empty(audit.LagsMs);
    }

    private static StoredRun Run(string job, long occurrence, string status = "Succeeded", int attempt = 1, long? startedAt = null, string silo = "s1") => new()
    {
        RunId = $"{job}@{occurrence}",
        JobId = job,
        Occurrence = occurrence,
        Attempt = attempt,
        Status = status,
        Silo = silo,
        StartedAt = startedAt ?? occurrence + 1,
        FinishedAt = (startedAt ?? occurrence + 1) + 1,
    };

    private static Dictionary<string, IReadOnlyList<StoredRun>> Histories(params StoredRun[] runs) =>
        runs.GroupBy(r => r.JobId).ToDictionary(g => g.Key, g => (IReadOnlyList<StoredRun>)[.. g]);
}
