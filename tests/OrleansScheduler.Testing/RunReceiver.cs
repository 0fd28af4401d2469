using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace OrleansScheduler.Testing;

/// <summary>
/// The far end of the built-in <c>http</c> handler: a minimal Kestrel application on <c>127.0.0.1</c> (a port the
/// operating system picks) that records every request to <c>/run</c> — arrival time, <c>Idempotency-Key</c> (the run
/// id), <c>X-OSched-Job-Id</c>, <c>X-OSched-Attempt</c> — and answers 200, after <c>?sleepMs=N</c> milliseconds when
/// asked, so runs stay in flight. Executions are thereby observed independently of the scheduler's own history.
/// </summary>
public sealed class RunReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<RunArrival> _arrivals = [];
    private readonly Lock _lock = new();

    private RunReceiver(WebApplication app) => _app = app;

    /// <summary>The port it listens on.</summary>
    public int Port { get; private set; }

    /// <summary>How many requests have arrived so far (every execution, duplicates included).</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _arrivals.Count;
            }
        }
    }

    /// <summary>Starts the receiver and returns once it listens.</summary>
    public static async Task<RunReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0);
            kestrel.Limits.MinRequestBodyDataRate = null;
            kestrel.Limits.MinResponseDataRate = null;
        });
        var app = builder.Build();
        var receiver = new RunReceiver(app);
        app.MapMethods("/run", ["GET", "POST", "PUT"], receiver.ReceiveAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        receiver.Port = new Uri(address).Port;
        return receiver;
    }

    /// <summary>The URL a job's <c>http</c> payload names; the receiver answers after <paramref name="sleepMs"/> ms.</summary>
    public string Url(int sleepMs = 0) =>
        string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{Port}/run?sleepMs={sleepMs}");

    /// <summary>Every arrival so far, in arrival order.</summary>
    public IReadOnlyList<RunArrival> Snapshot()
    {
        lock (_lock)
        {
            return [.. _arrivals];
        }
    }

    /// <summary>Every arrival of one job's runs so far, in arrival order.</summary>
    public IReadOnlyList<RunArrival> ArrivalsOf(string jobId)
    {
        lock (_lock)
        {
            return [.. _arrivals.Where(a => a.JobId == jobId)];
        }
    }

    /// <summary>How often each run id has arrived so far.</summary>
    public Dictionary<string, int> CountByRunId()
    {
        lock (_lock)
        {
            return _arrivals.GroupBy(a => a.RunId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        }
    }

    /// <summary>Run ids of <paramref name="expected"/> that have not arrived yet.</summary>
    public IReadOnlyList<string> Missing(IEnumerable<string> expected)
    {
        var arrived = CountByRunId();
        return [.. expected.Where(id => !arrived.ContainsKey(id))];
    }

    /// <summary>Polls until every run id of <paramref name="expected"/> has arrived at least once.</summary>
    /// <exception cref="TimeoutException">The deadline passed; the message counts and names (some of) the missing run ids.</exception>
    public async Task WaitForAllAsync(IReadOnlyCollection<string> expected, string what, TimeSpan timeout)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (true)
        {
            var missing = Missing(expected);
            if (missing.Count == 0)
            {
                return;
            }

            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException(
                    $"gave up after {timeout.TotalSeconds:0} s waiting for {what}: {missing.Count} of {expected.Count} never arrived, e.g. {string.Join(", ", missing.Take(10))}");
            }

            await Task.Delay(200);
        }
    }

    /// <summary>Returns once nothing has arrived for <paramref name="quiet"/> (or after 30 s): lets stray re-executions show themselves.</summary>
    public async Task WaitForQuietAsync(TimeSpan quiet)
    {
        var count = Count;
        var since = DateTimeOffset.UtcNow;
        var deadline = since + TimeSpan.FromSeconds(30);
        while (DateTimeOffset.UtcNow - since < quiet && DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(200);
            if (Count != count)
            {
                count = Count;
                since = DateTimeOffset.UtcNow;
            }
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task ReceiveAsync(HttpContext context)
    {
        var arrivedAt = DateTimeOffset.UtcNow;
        var headers = context.Request.Headers;
        var attempt = int.TryParse(headers["X-OSched-Attempt"].ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var a) ? a : 0;
        lock (_lock)
        {
            _arrivals.Add(new RunArrival(_arrivals.Count, headers["Idempotency-Key"].ToString(), headers["X-OSched-Job-Id"].ToString(), attempt, arrivedAt));
        }

        if (int.TryParse(context.Request.Query["sleepMs"].ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var sleepMs) && sleepMs > 0)
        {
            try
            {
                await Task.Delay(sleepMs, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                // The caller went away (its silo was killed or its run cancelled): the arrival is recorded all the same.
                return;
            }
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
    }
}
