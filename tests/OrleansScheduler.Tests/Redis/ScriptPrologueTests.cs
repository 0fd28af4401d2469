using System.Text.RegularExpressions;
using OrleansScheduler.Redis.Scripts;
using StackExchange.Redis;

namespace OrleansScheduler.Tests.Redis;

/// <summary>
/// Every script names its keys and arguments in its first lines, and its argument record passes them in that order.
/// A key or argument added on one side only would shift every name after it; these tests fail first.
/// </summary>
public sealed partial class ScriptPrologueTests
{
    public static TheoryData<string, string, RedisKey[], RedisValue[]> Scripts => new()
    {
        { nameof(EnqueueScript), EnqueueScript.Lua, Sample<EnqueueScript.Args>().Keys(), Sample<EnqueueScript.Args>().Values() },
        { nameof(FetchScript), FetchScript.Lua, Sample<FetchScript.Args>().Keys(), Sample<FetchScript.Args>().Values() },
        { nameof(SettleScript), SettleScript.Lua, Sample<SettleScript.Args>().Keys(), Sample<SettleScript.Args>().Values() },
        { nameof(TrimDeadLettersScript), TrimDeadLettersScript.Lua, Sample<TrimDeadLettersScript.Args>().Keys(), Sample<TrimDeadLettersScript.Args>().Values() },
        { nameof(PromoteRetriesScript), PromoteRetriesScript.Lua, Sample<PromoteRetriesScript.Args>().Keys(), Sample<PromoteRetriesScript.Args>().Values() },
        { nameof(HandBackScript), HandBackScript.Lua, Sample<HandBackScript.Args>().Keys(), Sample<HandBackScript.Args>().Values() },
        { nameof(RequeueScript), RequeueScript.Lua, Sample<RequeueScript.Args>().Keys(), Sample<RequeueScript.Args>().Values() },
        { nameof(DuePageScript), DuePageScript.Lua, Sample<DuePageScript.Args>().Keys(), Sample<DuePageScript.Args>().Values() },
    };

    [Theory]
    [MemberData(nameof(Scripts))]
    public void Prologue_NamesEveryKeyAndArgument_InTheRecordsOrder(string script, string lua, RedisKey[] keys, RedisValue[] values)
    {
        var (keyNames, argumentNames) = Prologue(lua);

        Assert.True(keyNames.Count == keys.Length, $"{script}: the script names {keyNames.Count} keys, the record passes {keys.Length}");
        Assert.True(argumentNames.Count == values.Length, $"{script}: the script names {argumentNames.Count} arguments, the record passes {values.Length}");
    }

    [Theory]
    [MemberData(nameof(Scripts))]
    public void Body_UsesTheNames_NotPositions(string script, string lua, RedisKey[] keys, RedisValue[] values)
    {
        _ = (keys, values);
        var body = string.Join('\n', lua.Split('\n').Skip(4));

        Assert.False(Position().IsMatch(body), $"{script}: the body reads KEYS[n] or ARGV[n]; name it in the prologue");
    }

    [Fact]
    public void RecordSkipped_PassesOneClaimAndThreeArgumentsPerEntry()
    {
        var args = new RecordSkippedScript.Args(
            HistoryKey: "h", CountsKey: "c", JobsKey: "j", LastEnqueuedKey: "l", MissedKey: "m",
            JobId: "job", HistoryLimit: 1, ClaimTtlMs: 1, AdvanceToMs: "", MissedReason: "misfire", MaxSkewMs: 1, Status: "Skipped",
            Entries: [new("claim-1", 1, 1, "{}"), new("claim-2", 2, 3, "{}")]);
        var (keyNames, argumentNames) = Prologue(RecordSkippedScript.Lua);

        Assert.Equal(keyNames.Count + 2, args.Keys().Length);
        Assert.Equal(argumentNames.Count + 6, args.Values().Length);
        Assert.Equal(["claim-1", "claim-2"], args.Keys()[keyNames.Count..].Select(k => (string)k!));
        Assert.Equal([1L, 1L, 2L, 3L], args.Values()[argumentNames.Count..].Where(v => v.IsInteger).Select(v => (long)v));
        Assert.Contains("local first_claim, first_entry = 6, 8", RecordSkippedScript.Lua, StringComparison.Ordinal);
    }

    private static (List<string> Keys, List<string> Arguments) Prologue(string lua)
    {
        var lines = lua.Split('\n').Select(l => l.Trim()).ToList();
        List<string> Names(string source)
        {
            var at = lines.FindIndex(l => l.Contains($"{source}[1]", StringComparison.Ordinal));
            if (at < 1)
            {
                return [];
            }

            var names = lines[at - 1]["local ".Length..].TrimEnd('=', ' ').Split(", ").ToList();
            var positions = lines[at].Split(", ");
            Assert.Equal(Enumerable.Range(1, names.Count).Select(i => $"{source}[{i}]"), positions);
            return names;
        }

        return (Names("KEYS"), Names("ARGV"));
    }

    // Every required member set: a sample record whose arrays have their real lengths.
    private static T Sample<T>()
        where T : struct
    {
        var value = (object)default(T);
        foreach (var property in typeof(T).GetProperties().Where(p => p.CanWrite))
        {
            object sample = property.PropertyType == typeof(RedisKey) ? (RedisKey)"k"
                : property.PropertyType == typeof(RedisValue) ? (object)(RedisValue)"v"
                : property.PropertyType == typeof(int) ? (object)1
                : property.PropertyType == typeof(long) ? (object)1L
                : throw new InvalidOperationException($"{typeof(T)}.{property.Name}: no sample for {property.PropertyType}");
            property.SetValue(value, sample);
        }

        return (T)value;
    }

    [GeneratedRegex(@"\b(KEYS|ARGV)\[\d+\]")]
    private static partial Regex Position();
}
