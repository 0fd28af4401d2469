using OrleansScheduler.Benchmarks.Workloads;

namespace OrleansScheduler.Benchmarks.Tests.Workloads;

public sealed class RedisBoundWorkloadTests
{
    [Fact]
    public void Parse_ReadsTheFinalRateOfEachTest_AndSkipsTheProgressLines()
    {
        const string output = "\rLPUSH: rps=0.0 (overall: 0.0) avg_msec=-nan (overall: -nan)\r   " +
            "\rLPUSH: rps=56408.0 (overall: 56183.3) avg_msec=0.583 (overall: 0.583)\r   " +
            "\rLPUSH: 56338.03 requests per second, p50=0.567 msec\n" +
            "\rLPOP: rps=17444.4 (overall: 30527.1) avg_msec=1.2 (overall: 1.2)\r" +
            "LPOP: 61349.69 requests per second, p50=0.463 msec\n";

        var rates = RedisBoundWorkload.Parse(output);

        Assert.Equal(56338.03, rates["LPUSH"]);
        Assert.Equal(61349.69, rates["LPOP"]);
        Assert.Equal(2, rates.Count);
    }
}
