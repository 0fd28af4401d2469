using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using OrleansScheduler.Validation;

namespace OrleansScheduler.Cli.Commands;

/// <summary>Builds the options and arguments several commands share, with errors worded as <c>{field}: {problem}</c>.</summary>
internal static class CommandOptions
{
    /// <summary>The <c>&lt;id&gt;</c> argument of a job command.</summary>
    public static Argument<string> JobId() => new("id")
    {
        Description = $"The job id: 1-{JobIds.MaxLength} characters of {JobIds.AllowedCharacters}.",
    };

    /// <summary>Reads and checks the job id, or throws an invalid-input <see cref="CliException"/>.</summary>
    public static string ReadJobId(ParseResult result, Argument<string> argument)
    {
        var id = result.GetValue(argument);
        var errors = new List<string>();
        JobIds.Validate(id, errors);
        return errors.Count > 0 ? throw CliException.InvalidInput(errors) : id!;
    }

    /// <summary><c>--json</c>: print the result as JSON on stdout.</summary>
    public static Option<bool> Json() => new("--json")
    {
        Description = "Print the result as JSON.",
    };

    /// <summary>A text option.</summary>
    public static Option<string?> Text(string name, string description, string helpName) => new(name)
    {
        Description = description,
        HelpName = helpName,
    };

    /// <summary>An integer option in [<paramref name="min"/>, <paramref name="max"/>] with a default.</summary>
    public static Option<int> Int(string name, string description, int min, int max, int defaultValue) => new(name)
    {
        Description = $"{description} ({min}-{max}).",
        HelpName = "n",
        DefaultValueFactory = _ => defaultValue,
        CustomParser = r => ParseInt(r, name, min, max) ?? defaultValue,
    };

    /// <summary>An optional integer option whose range is checked elsewhere.</summary>
    public static Option<int?> OptionalInt(string name, string description) => new(name)
    {
        Description = description,
        HelpName = "n",
        CustomParser = r => ParseInt(r, name, int.MinValue, int.MaxValue),
    };

    private static int? ParseInt(ArgumentResult result, string name, int min, int max)
    {
        var field = name.TrimStart('-');
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Join(' ', result.Tokens.Select(t => t.Value));
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            result.AddError($"{field}: \"{text}\" is not a whole number");
            return null;
        }

        if (value < min || value > max)
        {
            result.AddError($"{field}: {value} is outside {min}-{max}");
            return null;
        }

        return value;
    }
}
