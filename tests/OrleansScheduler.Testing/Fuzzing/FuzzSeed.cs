using System.Globalization;

namespace OrleansScheduler.Testing.Fuzzing;

/// <summary>
/// The fuzz run's seed: from <c>OSCHED_FUZZ_SEED</c> when set (scripts/test.sh sets a fresh one and prints it), drawn
/// otherwise. Every case is generated from the seed and its number, so a seed replays every input exactly.
/// </summary>
public static class FuzzSeed
{
    /// <summary>The environment variable that fixes the seed.</summary>
    public const string Variable = "OSCHED_FUZZ_SEED";

    /// <summary>The seed from <see cref="Variable"/>, or a fresh one when it is not set.</summary>
    /// <exception cref="InvalidOperationException">The variable is set but is not a whole number.</exception>
    public static int FromEnvironment()
    {
        var text = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(text))
        {
            return Random.Shared.Next();
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed)
            ? seed
            : throw new InvalidOperationException($"{Variable} is \"{text}\"; expected a whole number");
    }

    /// <summary>The random source of case <paramref name="index"/> of <paramref name="target"/>: the same for the same seed.</summary>
    public static Random ForCase(int seed, string target, int index)
    {
        // A stable mix (string.GetHashCode is randomised per process): FNV-1a over the target's name, then the numbers.
        var hash = 2166136261u;
        foreach (var c in target)
        {
            hash = (hash ^ c) * 16777619u;
        }

        hash = (hash ^ (uint)seed) * 16777619u;
        hash = (hash ^ (uint)index) * 16777619u;
        return new Random((int)hash);
    }
}
