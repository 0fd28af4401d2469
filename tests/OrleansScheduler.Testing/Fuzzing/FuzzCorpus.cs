namespace OrleansScheduler.Testing.Fuzzing;

/// <summary>
/// The seed documents the mutations start from: well-formed job definitions of every schedule kind and handler, and
/// the hostile bodies of issue 21's bad-input review (review file bad-input-09fee01.md), which were tried by hand.
/// </summary>
/// <remarks>
/// The well-formed ones fire rarely (yearly, monthly, in the far future), so an accepted mutation seldom runs while the
/// fuzz run looks at the keyspace; a mutation that makes one fire often is still fine (see <see cref="KeyspaceSnapshot"/>).
/// </remarks>
public static class FuzzCorpus
{
    /// <summary>How many of <see cref="Definitions"/>, from the first, are well-formed.</summary>
    public const int WellFormed = 8;

    /// <summary>The job definitions (a PUT body, or an apply-file entry without its id).</summary>
    public static IReadOnlyList<string> Definitions { get; } =
    [
        // Well-formed.
        """{"cron":"0 0 1 1 *","handler":"log"}""",
        """{"cron":"0 30 4 1 */6 *","tz":"Europe/Berlin","handler":"log","payload":{"message":"tick","level":"Warning"}}""",
        """{"every":"30d","handler":"log","queue":"default","maxAttempts":5,"misfire":"skip","overlap":"skip","timeout":"10s"}""",
        """{"every":"1h30m","start":"2099-01-01T00:00:00Z","handler":"log","misfire":"fire-all"}""",
        """{"at":"2099-06-01T12:00:00.000Z","handler":"log","payload":{"message":"once"}}""",
        """{"in":"3000d","handler":"log"}""",
        """{"cron":"0 0 1 1 *","handler":"http","payload":{"url":"http://127.0.0.1:9/hook","method":"POST","headers":{"X-A":"b"},"body":{"k":[1,2,3]},"timeout":"5s"}}""",
        """{"id":"fz-body","every":"365d","handler":"log",/* a comment */"overlap":"allow",}""",
        // From the bad-input review (D1, D2, D3, D5, D6, D8, D11 and the minor observations).
        """{"every":"1h","handler":"log","payload":"\u00ff"}""",
        """{"cron":"0 0 30 2 *","handler":"log"}""",
        """{"cron":"0 0 0 31W 2 *","handler":"log"}""",
        """{"every":"3000000d","handler":"log"}""",
        """{"every":"10675199d","handler":"log"}""",
        """{"at":"0001-01-01T00:00:00Z","handler":"log"}""",
        """{"at":"1969-12-31T23:59:59.999Z","handler":"log"}""",
        """{"every":"1h","every":"2h","handler":"log"}""",
        """{"every":"1h","handler":"log","maxAttempts":"3"}""",
        """{"Every":"1h","HANDLER":"log"}""",
        """{"every":"1h1h","handler":"log"}""",
        """{"cron":"0 0 * * *\u0000","handler":"log"}""",
        """{"cron":"0 0 * * *","tz":"../../etc/passwd","handler":"log"}""",
        """{"cron":"0 0 * * *","tz":"localtime","handler":"log"}""",
        """{"every":"1h","handler":"log","payload":{"bogus":1}}""",
        """{"every":"1h","handler":"nope"}""",
        """{"every":"1h","handler":"http","payload":{"url":"http://127.0.0.1:1/","headers":{"X-A":"a\r\nX-B: b"}}}""",
        """{"every":"1h","start":"9999-12-31T23:59:59Z","handler":"log"}""",
        """[{"every":"1h","handler":"log"}]""",
        """null""",
        "",
    ];

    /// <summary>Field names of a job definition, for mutations that set, repeat or drop one.</summary>
    public static IReadOnlyList<string> Fields { get; } =
        ["id", "cron", "every", "at", "in", "tz", "start", "handler", "payload", "queue", "maxAttempts", "misfire", "overlap", "timeout"];

    /// <summary>JSON values to put in a field: right and wrong types, edge numbers, pathological schedules, zones and durations.</summary>
    public static IReadOnlyList<string> Values { get; } =
    [
        "null", "true", "0", "-1", "3", "1e309", "-0", "2147483648", "9223372036854775808", "1.5", "[]", "{}", "[1,\"a\"]",
        "\"\"", "\" \"", "\"1s\"", "\"0s\"", "\"-1h\"", "\"1h1h\"", "\"99999999999d\"", "\"1.5h\"", "\"P1D\"", "\"1 h\"",
        "\"0 0 30 2 *\"", "\"* * * * * * *\"", "\"0 0 31 4 *\"", "\"@yearly\"", "\"0 0 L * *\"", "\"0 0 1 1 *\"", "\"*/0 * * * *\"",
        "\"2099-01-01T00:00:00Z\"", "\"0001-01-01T00:00:00Z\"", "\"9999-12-31T23:59:59.9999999Z\"", "\"2024-02-30T00:00:00Z\"",
        "\"UTC\"", "\"Europe/Berlin\"", "\"../../etc/passwd\"", "\"/dev/zero\"", "\"W. Europe Standard Time\"", "\"right/UTC\"",
        "\"log\"", "\"http\"", "\"nope\"", "\"LOG\"", "\"skip\"", "\"fire-all\"", "\"Skip\"", "\"default\"", "\"a/b\"",
        "\"a\\u0000b\"", "\"\\u001b[31m\"", "\"tab\\there\"", "\"\\ud800\"", "\"\\u202e\"", "\"é\"",
        "{\"message\":\"m\",\"level\":\"Critical\"}", "{\"url\":\"file:///etc/passwd\"}", "{\"url\":\"http://127.0.0.1:1/\",\"method\":\"BREW\"}",
    ];
}
