using OrleansScheduler.Testing.Fuzzing;
using Xunit.Abstractions;

namespace OrleansScheduler.PropertyTests;

/// <summary>
/// The fuzz test's in-process part (issue 21): thousands of mutated job definitions read by the API's and apply's
/// reader and checked by the validator. Only JSON errors may come out, worded as errors; every refusal names a field
/// and no .NET type. The seed comes from <c>OSCHED_FUZZ_SEED</c> (scripts/test.sh prints it) or is drawn and printed.
/// </summary>
public sealed class DefinitionFuzzTests(ITestOutputHelper output)
{
    /// <summary>The short mode's size: a few seconds.</summary>
    public const int Cases = 4000;

    [Fact]
    public void FuzzedDefinitions_AreReadAndValidated_WithNamedErrorsOnly()
    {
        var report = new FuzzReport(FuzzSeed.FromEnvironment());
        output.WriteLine($"seed {report.Seed} (replay: {FuzzSeed.Variable}={report.Seed})");
        var now = DateTimeOffset.UtcNow;

        for (var i = 0; i < Cases; i++)
        {
            DefinitionFuzzTarget.Run(report, i, now);
        }

        output.WriteLine(report.ToString());
        Assert.True(report.Passed, report.ToString());
    }
}
