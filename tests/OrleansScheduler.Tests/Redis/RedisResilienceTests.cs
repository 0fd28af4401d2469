using Microsoft.Extensions.Time.Testing;
using OrleansScheduler.Redis;
using Polly.Retry;
using StackExchange.Redis;

namespace OrleansScheduler.Tests.Redis;

/// <summary>The delays and the reach of the retries, on a fake clock: the pace at which the scheduler retries Redis is a decision, pinned here.</summary>
public sealed class RedisResilienceTests
{
    private static readonly RedisConnectionException Unreachable = new(ConnectionFailureType.UnableToConnect, "unreachable");

    [Fact]
    public async Task Settle_Tries30Times_Doubling200msTo5s_ThenThrows()
    {
        var delays = new List<TimeSpan>();
        var clock = new FakeTimeProvider();
        var pipeline = RedisResilience.Settle(args => Record(delays, args), clock);
        var calls = 0;

        var run = pipeline.ExecuteAsync(_ => { calls++; throw Unreachable; }).AsTask();
        await DriveAsync(clock, run);

        await Assert.ThrowsAsync<RedisConnectionException>(() => run);
        Assert.Equal(RedisResilience.SettleAttempts, calls);
        Assert.Equal([200, 400, 800, 1600, 3200, .. Enumerable.Repeat(5000, 24)], delays.Select(d => (int)d.TotalMilliseconds));
    }

    [Fact]
    public async Task Settle_DoesNotRetry_WhatIsNotARedisFailure()
    {
        var calls = 0;
        var pipeline = RedisResilience.Settle(_ => default, new FakeTimeProvider());

        await Assert.ThrowsAsync<InvalidOperationException>(() => pipeline.ExecuteAsync(_ => { calls++; throw new InvalidOperationException(); }).AsTask());
        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task FetchRound_RetriesAnyFailure_UntilItSucceeds()
    {
        var delays = new List<TimeSpan>();
        var clock = new FakeTimeProvider();
        var pipeline = RedisResilience.FetchRound(args => Record(delays, args), clock);
        var calls = 0;

        var run = pipeline.ExecuteAsync(_ => ++calls < 8 ? throw new InvalidOperationException("a bug, or Redis") : ValueTask.FromResult(calls)).AsTask();
        await DriveAsync(clock, run);

        Assert.Equal(8, await run);
        Assert.Equal([200, 400, 800, 1600, 3200, 5000, 5000], delays.Select(d => (int)d.TotalMilliseconds));
    }

    [Fact]
    public async Task FetchRound_StopsRetrying_WhenTheCallerStops()
    {
        using var stopping = new CancellationTokenSource();
        var clock = new FakeTimeProvider();
        var pipeline = RedisResilience.FetchRound(_ => default, clock);

        var run = pipeline.ExecuteAsync(_ => { stopping.Cancel(); throw Unreachable; }, stopping.Token).AsTask();

        await Assert.ThrowsAnyAsync<Exception>(() => run);
    }

    [Fact]
    public async Task Loop_RetriesTransientFailures_AtItsPace_AndThrowsAnythingElse()
    {
        var delays = new List<TimeSpan>();
        var clock = new FakeTimeProvider();
        var pipeline = RedisResilience.Loop(TimeSpan.FromSeconds(2), args => Record(delays, args), clock);
        var calls = 0;

        var run = pipeline.ExecuteAsync(_ => ++calls < 4 ? throw new TimeoutException() : throw new InvalidOperationException()).AsTask();
        await DriveAsync(clock, run);

        await Assert.ThrowsAsync<InvalidOperationException>(() => run);
        Assert.Equal(4, calls);
        Assert.Equal([2000, 2000, 2000], delays.Select(d => (int)d.TotalMilliseconds));
    }

    [Theory]
    [InlineData(1, 2)]
    [InlineData(2, 4)]
    [InlineData(4, 16)]
    [InlineData(5, 30)]
    [InlineData(50, 30)]
    public void GrainRetryDelay_Doubles_From2sTo30s(int failures, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), RedisResilience.GrainRetryDelay(failures));

    private static ValueTask Record(List<TimeSpan> delays, OnRetryArguments<object> args)
    {
        lock (delays)
        {
            delays.Add(args.RetryDelay);
        }

        return default;
    }

    // Moves the fake clock on until the pipeline has given up or succeeded; every delay is at most 5 s.
    private static async Task DriveAsync(FakeTimeProvider clock, Task run)
    {
        for (var i = 0; i < 1_000 && !run.IsCompleted; i++)
        {
            await Task.Delay(1);
            clock.Advance(TimeSpan.FromSeconds(5));
        }
    }
}
