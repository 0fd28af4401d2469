using OrleansScheduler.FaultTests.Support;

namespace OrleansScheduler.FaultTests;

/// <summary>
/// Issue #3, test 2: SIGKILL a silo that hosts one-second jobs. Every job fires again on the survivor within 15 s of
/// the kill (measured on the receiver), and the occurrences missed meanwhile are handled by each job's misfire policy.
/// One kill serves the three tests (<see cref="SiloCrashScenario"/>); each checks the jobs of one policy.
/// </summary>
[Trait("Category", "Fault")]
public sealed class SiloCrashMisfireTests(SiloCrashScenario scenario, ITestOutputHelper output) : IClassFixture<SiloCrashScenario>
{
    private static readonly TimeSpan ResumeBound = TimeSpan.FromSeconds(15);

    [Fact]
    public Task KilledSilo_FireOnceJobs_ResumeWithin15s_WithOneRunForTheGap_AndTheRestRecordedSkipped() => CheckPolicyAsync("FireOnce");

    [Fact]
    public Task KilledSilo_FireAllJobs_ResumeWithin15s_AndRunEveryMissedOccurrence() => CheckPolicyAsync("FireAll");

    [Fact]
    public Task KilledSilo_SkipJobs_ResumeWithin15s_AndRunNoMissedOccurrence_RecordingThemSkipped() => CheckPolicyAsync("Skip");

    private async Task CheckPolicyAsync(string policy)
    {
        try
        {
            await scenario.EnsureRunAsync();
            var jobs = SiloCrashScenario.JobsOf(policy);
            var histories = await scenario.Cluster.ReadHistoriesAsync(jobs);
            var problems = new List<string>();
            var victimRecoveries = new List<TimeSpan>();
            foreach (var id in jobs)
            {
                var timeline = scenario.Timeline(id);
                var onVictim = scenario.VictimJobs.Contains(id);
                var resumed = timeline.FirstArrivalOfOccurrenceAfter(scenario.KilledAt)!;
                var recovery = resumed.ArrivedAt - scenario.KilledAt;
                if (onVictim)
                {
                    victimRecoveries.Add(recovery);
                }

                output.WriteLine($"{(onVictim ? "killed silo" : "survivor  ")} {timeline}; fired again {Instant.Seconds(recovery)} after the kill ({resumed.RunId})");
                foreach (var skipped in histories[id].Where(h => h.Status == "Skipped"))
                {
                    output.WriteLine($"    {skipped}");
                }

                if (recovery > ResumeBound)
                {
                    problems.Add($"{id}: fired again {Instant.Seconds(recovery)} after the kill, more than {ResumeBound.TotalSeconds:0} s");
                }

                problems.AddRange(timeline.Unexpected.Select(runId => $"{id}: a run id that names no occurrence of the job arrived: {runId}"));

                // The only runs allowed twice are those the dead silo had taken: they are re-delivered (at least once).
                problems.AddRange(timeline.Duplicates
                    .Select(t => RunId.Of(id, t))
                    .Where(runId => !scenario.Orphans.RunIds.Contains(runId))
                    .Select(runId => $"{id}: {runId} ran {timeline.TimesRun(RunId.OccurrenceOf(runId)!.Value)} times but was not in the dead silo's processing list"));

                // A run the dead silo held is recovered and runs late: that is recovery, not a caught-up misfire.
                var recovered = scenario.Orphans.RunIds.Where(r => r.StartsWith(id + "@", StringComparison.Ordinal)).ToList();
                problems.AddRange(recovered
                    .Where(r => !timeline.Ran(RunId.OccurrenceOf(r)!.Value))
                    .Select(r => $"{id}: {r} was in the dead silo's processing list and never ran (not recovered)"));

                problems.AddRange(onVictim
                    ? MisfireExpectations.CheckMissed(policy, timeline, histories[id], recovered)
                    : MisfireExpectations.CheckUndisturbed(timeline, histories[id]));
            }

            Assert.True(victimRecoveries.Count > 0, $"precondition: no {policy} job lived on the killed silo");
            output.WriteLine($"{policy}: the {victimRecoveries.Count} job(s) of the killed silo fired again {Instant.Seconds(victimRecoveries.Min())} … {Instant.Seconds(victimRecoveries.Max())} after the kill (bound {ResumeBound.TotalSeconds:0} s)");
            Assert.True(problems.Count == 0, $"{problems.Count} problem(s) with the {policy} jobs:{Environment.NewLine}{string.Join(Environment.NewLine, problems)}");
        }
        catch
        {
            scenario.WriteLogTails(output.WriteLine);
            throw;
        }
        finally
        {
            foreach (var line in scenario.Log)
            {
                output.WriteLine(line);
            }
        }
    }
}
