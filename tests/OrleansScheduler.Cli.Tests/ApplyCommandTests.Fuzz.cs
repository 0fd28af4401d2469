namespace OrleansScheduler.Cli.Tests;

/// <summary>Apply files the fuzz test (issue 21) found mishandled, each with its exact entry.</summary>
public sealed partial class ApplyCommandTests
{
    [Fact]
    public async Task Apply_PrintsTheEntrysIdEscaped_WhenTheIdHoldsControlCharacters()
    {
        // Found with OSCHED_FUZZ_SEED=11 (apply case 28): the label printed the id raw, so its CR LF split the error line
        // in two ("Set-Cookie:x") and a terminal or log would have taken what followed as a line of its own.
        var file = WriteFile("""[{"id":"\r\nSet-Cookie:x","cron":"0 0 1 1 *","handler":"log"}]""");

        var run = await Apply(file);

        AssertRefusedAsAWhole(run, file, 1, 1,
            "osched: jobs[0] (id \"\\r\\nSet-Cookie:x\"): id: has a control character (U+000D) at character 1; control characters, tab and newline included, are not allowed");
    }
}
