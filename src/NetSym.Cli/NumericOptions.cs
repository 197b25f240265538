using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Numerics;

namespace NetSym.Cli;

/// <summary>
/// The one way netsym reads a number from the command line: every numeric option is made here, with
/// its range, and its parser turns a bad value into a parse error that names the option, the range
/// and the value given ("--points must be a whole number from 1 to 10000000, got 'abc'").
/// </summary>
/// <remarks>
/// The range lives in the parser rather than in a validator because System.CommandLine runs
/// validators on values it could not convert, and reading such a value there throws instead of
/// reporting. Every option has a maximum, so that a value like 2^40 is refused at once rather than
/// starting work that would run for hours or exhaust memory.
/// </remarks>
internal static class NumericOptions
{
    /// <summary>
    /// The most input points any option may ask for (--points, --random, --max-points): ten million
    /// points already make a Jacobian of more rows than a dense solver can use for any network NetSym
    /// handles; the memory check refuses smaller batches that still do not fit.
    /// </summary>
    public const int MaxPoints = 10_000_000;

    /// <summary>An integer option with a default: values outside [<paramref name="min"/>, <paramref name="max"/>] are parse errors.</summary>
    public static Option<T> Integer<T>(string name, T min, T max, T defaultValue, string description, string helpName = "N", params string[] aliases)
        where T : struct, IBinaryInteger<T>
    {
        var option = new Option<T>(name, aliases) { Description = description, HelpName = helpName, DefaultValueFactory = _ => defaultValue };
        option.CustomParser = result => ParseInteger(result, name, min, max) ?? defaultValue;
        return option;
    }

    /// <summary>An integer option without a default (null when not given): values outside [<paramref name="min"/>, <paramref name="max"/>] are parse errors.</summary>
    public static Option<T?> OptionalInteger<T>(string name, T min, T max, string description, string helpName = "N")
        where T : struct, IBinaryInteger<T>
    {
        var option = new Option<T?>(name) { Description = description, HelpName = helpName };
        option.CustomParser = result => ParseInteger(result, name, min, max);
        return option;
    }

    /// <summary>A real option with a default that must be finite and ≥ <paramref name="min"/>.</summary>
    public static Option<double> Real(string name, double min, double defaultValue, string description, string helpName = "T")
    {
        var option = new Option<double>(name) { Description = description, HelpName = helpName, DefaultValueFactory = _ => defaultValue };
        option.CustomParser = result => ParseReal(result, name, min) ?? defaultValue;
        return option;
    }

    /// <summary>A real option without a default (null when not given) that must be finite and ≥ <paramref name="min"/>.</summary>
    public static Option<double?> OptionalReal(string name, double min, string description, string helpName = "T")
    {
        var option = new Option<double?>(name) { Description = description, HelpName = helpName };
        option.CustomParser = result => ParseReal(result, name, min);
        return option;
    }

    /// <summary>The option's value as a whole number in range, or null with a parse error.</summary>
    private static T? ParseInteger<T>(ArgumentResult result, string name, T min, T max) where T : struct, IBinaryInteger<T>
    {
        string text = Token(result);
        if (T.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out T value) && value >= min && value <= max) return value;
        result.AddError(string.Create(CultureInfo.InvariantCulture, $"{name} must be a whole number from {min} to {max}, got '{text}'"));
        return null;
    }

    /// <summary>The option's value as a finite real ≥ min, or null with a parse error.</summary>
    private static double? ParseReal(ArgumentResult result, string name, double min)
    {
        string text = Token(result);
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && double.IsFinite(value) && value >= min) return value;
        result.AddError(string.Create(CultureInfo.InvariantCulture, $"{name} must be a finite number ≥ {min}, got '{text}'"));
        return null;
    }

    private static string Token(ArgumentResult result) => result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
}
