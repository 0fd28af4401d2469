using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using OrleansScheduler.Redis;
using OrleansScheduler.Scheduling;
using OrleansScheduler.Settlement;
using StackExchange.Redis;

namespace OrleansScheduler.Tests.Storage;

/// <summary>
/// Pins every format the scheduler writes to Redis. These are upgrade contracts: a silo of the next version must
/// read what this one wrote. If one of these tests fails, you changed a stored format: add a migration, don't
/// update the snapshot. An optional field may be added (pin the new form, and keep a test that reads the old one).
/// </summary>
public sealed class StoredFormatTests
{
    private static readonly DateTimeOffset Occurrence = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    private const string TraceParent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

    [Fact]
    public void KeyNames_AreThePinnedLayout()
    {
        var keys = new SchedulerKeys("svc");

        Assert.Equal("svc/osched/jobs", (string)keys.Jobs!);
        Assert.Equal("svc/osched/last-enqueued", (string)keys.LastEnqueued!);
        Assert.Equal("svc/osched/wake", keys.WakeChannel.ToString());
        Assert.Equal("svc/osched/queue/default", (string)keys.Queue("default")!);
        Assert.Equal("svc/osched/processing/127.0.0.1:11111@1", (string)keys.Processing("127.0.0.1:11111@1")!);
        Assert.Equal("svc/osched/occurrence/job@2026-12-01T08:00:00.000Z", (string)keys.Occurrence("job@2026-12-01T08:00:00.000Z")!);
        Assert.Equal("svc/osched/history/job", (string)keys.History("job")!);
        Assert.Equal("svc/osched/counts/job", (string)keys.Counts("job")!);
        Assert.Equal("svc/osched/missed/job", (string)keys.Missed("job")!);
        Assert.Equal("svc/osched/retry", (string)keys.Retry!);
        Assert.Equal("svc/osched/dead", (string)keys.DeadLetters!);
        Assert.Equal("svc/osched/dead-index", (string)keys.DeadLetterIndex!);
        Assert.Equal("svc/osched/active", (string)keys.Active!);
        Assert.Equal("svc/osched/due", (string)keys.Due!);
        Assert.Equal("svc/osched/queues", (string)keys.Queues!);
        Assert.Equal("svc/osched/consumers", (string)keys.Consumers!);
        Assert.Equal("svc/osched/processing-lists", (string)keys.ProcessingLists!);
    }

    [Fact]
    public void ScheduledRunId_IsJobIdAtNominalUtcTime()
    {
        Assert.Equal("nightly@2026-12-01T08:00:00.000Z", RunMessage.ScheduledRunId("nightly", Occurrence.ToOffset(TimeSpan.FromHours(1))));
    }

    [Fact]
    public void RunMessage_JsonIsPinned()
    {
        var message = new RunMessage
        {
            RunId = "nightly@2026-12-01T08:00:00.000Z",
            JobId = "nightly",
            Occurrence = Occurrence.ToUnixTimeMilliseconds(),
            Attempt = 2,
            MaxAttempts = 5,
            Handler = "http",
            Payload = """{"url":"http://127.0.0.1:9000/hook"}""",
            Queue = "default",
            TimeoutMs = 30000,
            EnqueuedAt = Occurrence.ToUnixTimeMilliseconds() + 3,
        };

        var json = JsonSerializer.Serialize(message, RunJsonContext.Default.RunMessage);

        Assert.Equal(
            """{"runId":"nightly@2026-12-01T08:00:00.000Z","jobId":"nightly","occurrence":1796112000000,"attempt":2,"maxAttempts":5,"handler":"http","payload":"{\u0022url\u0022:\u0022http://127.0.0.1:9000/hook\u0022}","queue":"default","timeoutMs":30000,"enqueuedAt":1796112000003}""",
            json);
        Assert.Equal(message, JsonSerializer.Deserialize(json, RunJsonContext.Default.RunMessage));
    }

    [Fact]
    public void RunMessage_WithTraceContext_JsonIsPinned()
    {
        var message = new RunMessage
        {
            RunId = "nightly@2026-12-01T08:00:00.000Z",
            JobId = "nightly",
            Occurrence = Occurrence.ToUnixTimeMilliseconds(),
            Handler = "log",
            Queue = "default",
            EnqueuedAt = Occurrence.ToUnixTimeMilliseconds(),
            TraceParent = TraceParent,
            TraceState = "vendor=1",
        };

        var json = JsonSerializer.Serialize(message, RunJsonContext.Default.RunMessage);

        Assert.Equal(
            """{"runId":"nightly@2026-12-01T08:00:00.000Z","jobId":"nightly","occurrence":1796112000000,"attempt":1,"maxAttempts":3,"handler":"log","queue":"default","enqueuedAt":1796112000000,"traceParent":"00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01","traceState":"vendor=1"}""",
            json);
        Assert.Equal(message, JsonSerializer.Deserialize(json, RunJsonContext.Default.RunMessage));
    }

    [Fact]
    public void RunMessage_OfEarlierVersions_ReadsWithoutATraceContext()
    {
        const string WrittenBeforeTracing = """{"runId":"nightly@2026-12-01T08:00:00.000Z","jobId":"nightly","occurrence":1796112000000,"attempt":2,"maxAttempts":5,"handler":"http","queue":"default","enqueuedAt":1796112000003}""";

        var message = JsonSerializer.Deserialize(WrittenBeforeTracing, RunJsonContext.Default.RunMessage)!;

        Assert.Equal(("nightly", 2, 5), (message.JobId, message.Attempt, message.MaxAttempts));
        Assert.Null(message.TraceParent);
        Assert.Null(message.TraceState);
    }

    [Fact]
    public void MissedHash_FieldsArePinned()
    {
        var missed = JobHistory.ParseMissed([new HashEntry("at", Occurrence.ToUnixTimeMilliseconds()), new HashEntry("reason", "overlap")]);

        Assert.Equal(new MissedRun { Occurrence = Occurrence, Reason = MissedRun.Overlap }, missed);
        Assert.Null(JobHistory.ParseMissed([]));
        Assert.Equal(("misfire", "overlap"), (MissedRun.Misfire, MissedRun.Overlap));
    }

    [Fact]
    public void CountsHash_IgnoresFieldsThatAreNotCounts()
    {
        var counts = JobHistory.ParseCounts([new HashEntry("Succeeded", 4), new HashEntry("Skipped", 2), new HashEntry("somethingLater", "text")]);

        Assert.Equal(new RunCounts { Succeeded = 4, Skipped = 2 }, counts);
    }

    [Fact]
    public void HistoryEntry_JsonIsPinned()
    {
        var entry = new HistoryEntry
        {
            RunId = "nightly@2026-12-01T08:00:00.000Z",
            JobId = "nightly",
            Occurrence = Occurrence.ToUnixTimeMilliseconds(),
            Status = RunStatus.Failed,
            Silo = "127.0.0.1:11111@1",
            StartedAt = Occurrence.ToUnixTimeMilliseconds() + 2,
            FinishedAt = Occurrence.ToUnixTimeMilliseconds() + 9,
            Error = "HttpRequestException: boom",
        };

        var json = JsonSerializer.Serialize(entry, RunJsonContext.Default.HistoryEntry);

        Assert.Equal(
            """{"runId":"nightly@2026-12-01T08:00:00.000Z","jobId":"nightly","occurrence":1796112000000,"attempt":1,"status":"Failed","silo":"127.0.0.1:11111@1","startedAt":1796112000002,"finishedAt":1796112000009,"error":"HttpRequestException: boom"}""",
            json);
        Assert.Equal(entry, JsonSerializer.Deserialize(json, RunJsonContext.Default.HistoryEntry));
    }

    [Fact]
    public void DeadLetterEntry_JsonIsPinned()
    {
        var entry = new DeadLetterEntry
        {
            RunId = "nightly@2026-12-01T08:00:00.000Z",
            JobId = "nightly",
            Occurrence = Occurrence.ToUnixTimeMilliseconds(),
            Attempts = 3,
            Handler = "http",
            Queue = "default",
            Error = "HttpRequestException: boom",
            DeadAt = Occurrence.ToUnixTimeMilliseconds() + 60_000,
            Silo = "127.0.0.1:11111@1",
            Requeue = """{"runId":"nightly@2026-12-01T08:00:00.000Z"}""",
        };

        var json = JsonSerializer.Serialize(entry, RunJsonContext.Default.DeadLetterEntry);

        Assert.Equal(
            """{"runId":"nightly@2026-12-01T08:00:00.000Z","jobId":"nightly","occurrence":1796112000000,"attempts":3,"handler":"http","queue":"default","error":"HttpRequestException: boom","deadAt":1796112060000,"silo":"127.0.0.1:11111@1","requeue":"{\u0022runId\u0022:\u0022nightly@2026-12-01T08:00:00.000Z\u0022}"}""",
            json);
        Assert.Equal(entry, JsonSerializer.Deserialize(json, RunJsonContext.Default.DeadLetterEntry));
    }

    [Fact]
    public void JobState_OrleansSerializedBytesArePinned()
    {
        var serializer = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>();
        var state = PinnedState();
        state.TraceParent = TraceParent;
        state.TraceState = "vendor=1";

        var bytes = serializer.SerializeToArray(state);
        var restored = serializer.Deserialize<JobState>(bytes);

        Assert.Equal(Pinned.JobStateV2, Convert.ToBase64String(bytes));
        Assert.Equal(state.Spec, restored!.Spec);
        Assert.Equal(state.CatchUpFrom, restored.CatchUpFrom);
        Assert.True(restored.Paused);
        Assert.Equal((TraceParent, "vendor=1"), (restored.TraceParent, restored.TraceState));
    }

    [Fact]
    public void JobState_ReadsThePinnedBytes()
    {
        var serializer = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>();

        var state = serializer.Deserialize<JobState>(Convert.FromBase64String(Pinned.JobStateV1))!;

        Assert.Equal("0 30 2 * * *", state.Spec!.Schedule.Cron);
        Assert.Equal("Europe/Berlin", state.Spec.Schedule.TimeZone);
        Assert.Equal(MisfirePolicy.FireAll, state.Spec.Misfire);
        Assert.Equal(Occurrence.AddDays(-1), state.CreatedAt);
        // Written before jobs kept the trace context of their scheduling call.
        Assert.Null(state.TraceParent);
        Assert.Null(state.TraceState);
    }

    private static JobState PinnedState() => new()
    {
        Spec = new JobSpec
        {
            Schedule = JobSchedule.FromCron("0 30 2 * * *", "Europe/Berlin"),
            Handler = "log",
            Payload = """{"message":"tick"}""",
            Queue = "default",
            MaxAttempts = 5,
            Misfire = MisfirePolicy.FireAll,
            Overlap = OverlapPolicy.Skip,
            Timeout = TimeSpan.FromSeconds(30),
        },
        Paused = true,
        CatchUpFrom = Occurrence,
        CreatedAt = Occurrence.AddDays(-1),
        UpdatedAt = Occurrence,
    };

    private static class Pinned
    {
        /// <summary>Written before the trace context was kept; a state like <see cref="PinnedState"/>.</summary>
        public const string JobStateV1 = "ICDoIOgIAwFBGTAgMzAgMiAqICogKkEbRXVyb3BlL0JlcmxpbsEBwQHBAeBBB2xvZ0EleyJtZXNzYWdlIjoidGljayJ9QQ9kZWZhdWx0ARUJAwUJAwWBAKPhEQAAAADgAQMhgADAExmBT98IgQAAAAAAAAAA4CGAAACq7rdO3wiBAAAAAAAAAADgIYAAwBMZgU/fCIEAAAAAAAAAAODg";

        /// <summary><see cref="PinnedState"/> with the trace context of its scheduling call.</summary>
        public const string JobStateV2 = "ICDoIOgIAwFBGTAgMzAgMiAqICogKkEbRXVyb3BlL0JlcmxpbsEBwQHBAeBBB2xvZ0EleyJtZXNzYWdlIjoidGljayJ9QQ9kZWZhdWx0ARUJAwUJAwWBAKPhEQAAAADgAQMhgADAExmBT98IgQAAAAAAAAAA4CGAAACq7rdO3wiBAAAAAAAAAADgIYAAwBMZgU/fCIEAAAAAAAAAAOBBbzAwLTBhZjc2NTE5MTZjZDQzZGQ4NDQ4ZWIyMTFjODAzMTljLWI3YWQ2YjcxNjkyMDMzMzEtMDFBEXZlbmRvcj0x4A==";
    }
}
