using System.Diagnostics;
using OrleansScheduler.Benchmarks.Measurement;

namespace OrleansScheduler.Benchmarks.Tests.Measurement;

public sealed class ProcessSampleTests
{
    [Fact]
    public void Read_ReportsCpuTimeAndResidentMemory_OfThisProcess_OnLinux()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var before = ProcessSample.Read(Environment.ProcessId)!.Value;
        var spin = Stopwatch.StartNew();
        var sum = 0L;
        while (spin.ElapsedMilliseconds < 300)
        {
            sum += spin.ElapsedTicks % 7;
        }

        var after = ProcessSample.Read(Environment.ProcessId)!.Value;

        Assert.True(sum >= 0);
        Assert.True(after.CpuTime > before.CpuTime, $"CPU time did not grow: {before.CpuTime} -> {after.CpuTime}");
        Assert.InRange(after.CpuPercentSince(before), 1, 100 * Environment.ProcessorCount + 1);
        Assert.True(after.RssBytes > 10 * 1024 * 1024, $"RSS {after.RssBytes} bytes");
        Assert.True(after.PeakRssBytes >= after.RssBytes);
    }

    [Fact]
    public void Read_IsNull_ForAProcessThatDoesNotExist() => Assert.Null(ProcessSample.Read(int.MaxValue));
}
