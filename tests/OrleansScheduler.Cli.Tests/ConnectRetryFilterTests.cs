using Orleans.Runtime.Messaging;
using OrleansScheduler.Cli.Cluster;
using StackExchange.Redis;

namespace OrleansScheduler.Cli.Tests;

public sealed class ConnectRetryFilterTests
{
    [Fact]
    public async Task ShouldRetryConnectionAttempt_RetriesAfterADelay_WhenNoGatewayIsRegistered()
    {
        var filter = new ConnectRetryFilter();
        var error = new SiloUnavailableException("Could not find any gateway");

        var retry = await filter.ShouldRetryConnectionAttempt(error, CancellationToken.None);

        Assert.True(retry);
        Assert.Same(error, filter.LastError);
    }

    [Fact]
    public async Task ShouldRetryConnectionAttempt_StopsWithoutWaiting_WhenTheDeadlineHasPassed()
    {
        var filter = new ConnectRetryFilter();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        var retry = await filter.ShouldRetryConnectionAttempt(new ConnectionFailedException("refused"), cancelled.Token);

        Assert.False(retry);
        Assert.IsType<ConnectionFailedException>(filter.LastError);
    }

    [Fact]
    public async Task ShouldRetryConnectionAttempt_GivesUp_WhenTheErrorIsNotAboutGateways()
    {
        var filter = new ConnectRetryFilter();
        var error = new RedisConnectionException(ConnectionFailureType.AuthenticationFailure, "NOAUTH");

        var retry = await filter.ShouldRetryConnectionAttempt(error, CancellationToken.None);

        Assert.False(retry);
        Assert.Same(error, filter.LastError);
    }
}
