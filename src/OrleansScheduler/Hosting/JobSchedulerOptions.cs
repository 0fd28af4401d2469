namespace OrleansScheduler.Hosting;

/// <summary>Settings of the scheduler on one silo. Bind from the <c>Scheduler</c> configuration section.</summary>
public sealed class JobSchedulerOptions
{
    /// <summary>The grain storage provider name job state is kept under.</summary>
    public const string StorageName = "osched";

    /// <summary>Default of <see cref="MaxConcurrentRuns"/>.</summary>
    public const int DefaultMaxConcurrentRuns = 64;

    /// <summary>Default of <see cref="HistoryLimit"/>.</summary>
    public const int DefaultHistoryLimit = 100;

    /// <summary>Default of <see cref="DeadLetterLimit"/>.</summary>
    public const int DefaultDeadLetterLimit = 10_000;

    /// <summary>Default of <see cref="MisfireFireAllLimit"/>.</summary>
    public const int DefaultMisfireFireAllLimit = 100;

    /// <summary>
    /// The StackExchange.Redis configuration string, e.g. <c>localhost:6379</c> or
    /// <c>redis1:6379,password=…,ssl=true</c>. Required. Never logged with its password.
    /// </summary>
    public string? Redis { get; set; }

    /// <summary>Whether to register Orleans' Redis reminder table on the same connection. Default true; set false when the silo already has a reminder service.</summary>
    public bool UseRedisReminders { get; set; } = true;

    /// <summary>
    /// The queues this silo takes runs from. Default <c>["default"]</c> when none are configured (empty here, so that
    /// configuration binding replaces the default instead of adding to it).
    /// </summary>
    public IList<string> Queues { get; set; } = [];

    /// <summary>How many runs this silo executes at once. Default <see cref="DefaultMaxConcurrentRuns"/>.</summary>
    public int MaxConcurrentRuns { get; set; } = DefaultMaxConcurrentRuns;

    /// <summary>How often an idle fetcher looks at the queues when no wake-up message arrives. Default 1 s.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The period of each job's durable reminder, which wakes the job grain after a restart or deactivation.
    /// Bounds how late a job fires after its silo crashed (failure detection plus this period). Default 1 min;
    /// lower values also lower Orleans' <c>ReminderOptions.MinimumReminderPeriod</c>.
    /// </summary>
    public TimeSpan WakeUpPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long an occurrence's claim (what makes its enqueue happen exactly once) is kept. Default 10 min.</summary>
    public TimeSpan OccurrenceClaimTtl { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How many history entries each job keeps. Default <see cref="DefaultHistoryLimit"/>.</summary>
    public int HistoryLimit { get; set; } = DefaultHistoryLimit;

    /// <summary>The delay before a failed run's second attempt; each further attempt doubles it, with jitter. Default 2 s.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The longest delay between attempts. Default 5 min.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often each silo moves due retries onto their queues. Default 500 ms.</summary>
    public TimeSpan RetryPollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// How late an occurrence may be enqueued and still count as on time. A job that wakes to find a single
    /// occurrence later than this, or several due at once, applies its misfire policy. Default 10 s.
    /// </summary>
    public TimeSpan MisfireThreshold { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The most missed occurrences a <see cref="MisfirePolicy.FireAll"/> job runs after downtime (the latest ones); older ones are recorded as skipped. Default <see cref="DefaultMisfireFireAllLimit"/>.</summary>
    public int MisfireFireAllLimit { get; set; } = DefaultMisfireFireAllLimit;

    /// <summary>
    /// On shutdown, how long runs in flight may take to finish before the silo hands them back to the queue (where
    /// another silo runs them again) and cancels their handlers. Keep it below the host's shutdown timeout. Default 20 s.
    /// </summary>
    public TimeSpan ShutdownGracePeriod { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>How long one attempt may run when its job sets no timeout. Default 5 min.</summary>
    public TimeSpan DefaultRunTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How many dead letters are kept at most; beyond it the oldest are dropped as new ones arrive. Each holds a copy of
    /// its run, payload included (up to 64 KiB). Default <see cref="DefaultDeadLetterLimit"/>.
    /// </summary>
    public int DeadLetterLimit { get; set; } = DefaultDeadLetterLimit;

    /// <summary>How long a dead letter is kept before it is dropped (requeue it before then). Default 7 days.</summary>
    public TimeSpan DeadLetterRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// How far a silo's clock may run ahead of Redis's and still fire jobs. Redis's clock is the reference for what is
    /// due: an occurrence later than Redis's time plus this is neither enqueued nor recorded (the silo logs an error and
    /// tries again), so a clock that jumps ahead and is corrected does not leave its jobs waiting for the jump to pass.
    /// Default 30 s.
    /// </summary>
    public TimeSpan MaxClockSkew { get; set; } = TimeSpan.FromSeconds(30);
}
