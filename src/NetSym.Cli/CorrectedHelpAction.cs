using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.Text.RegularExpressions;

namespace NetSym.Cli;

/// <summary>
/// System.CommandLine's help with two corrections: its list of commands shows an optional argument
/// as if it were required (<c>analyze &lt;MODEL&gt;</c>, though MODEL may be left out), and it joins a
/// list default with '|' (<c>[default: 0|1|2]</c>), which is not how a list is written on the command
/// line. The usage lines already bracket optional arguments; the list of commands now agrees with
/// them. System.CommandLine 3 keeps its help builder internal, so the text it writes is corrected.
/// </summary>
internal sealed partial class CorrectedHelpAction(HelpAction help, RootCommand root) : SynchronousCommandLineAction
{
    /// <summary>Puts the corrected help in place of the root's help action, for every command.</summary>
    public static void Install(RootCommand root)
    {
        var option = root.Options.OfType<HelpOption>().Single();
        option.Action = new CorrectedHelpAction((HelpAction)option.Action!, root);
    }

    /// <inheritdoc />
    // As the help it wraps: `netsym fdim --help` shows help although MODEL is missing.
    public override bool ClearsParseErrors => true;

    /// <inheritdoc />
    public override int Invoke(ParseResult parseResult)
    {
        var configuration = parseResult.InvocationConfiguration;
        var output = configuration.Output;
        var text = new StringWriter { NewLine = output.NewLine };
        configuration.Output = text;
        int code;
        try { code = help.Invoke(parseResult); }
        finally { configuration.Output = output; }
        output.Write(Correct(text.ToString()));
        output.Flush();
        return code;
    }

    /// <summary>The help text with optional arguments bracketed in command lists and list defaults comma-separated.</summary>
    internal string Correct(string text)
    {
        text = ListDefault().Replace(text, m => m.Value.Replace('|', ','));
        var lines = text.Split('\n').ToList();
        int start = lines.FindIndex(l => l.TrimEnd('\r') == "Commands:");
        if (start < 0) return text;
        int end = lines.FindIndex(start + 1, l => l.TrimEnd('\r').Length == 0);
        if (end < 0) end = lines.Count;
        BracketOptionalArguments(lines, start + 1, end);
        return string.Join('\n', lines);
    }

    // Rows are "  " + label padded to the widest + "  " + description; wrapped description lines are
    // indented to the description column. Bracketing widens labels, so the rows are laid out again.
    private void BracketOptionalArguments(List<string> lines, int first, int end)
    {
        var rows = Enumerable.Range(first, end - first).Where(i => lines[i].Length > 2 && lines[i][2] != ' ').ToList();
        var labels = rows.ToDictionary(i => i, i => lines[i][2..].Split("  ", 2)[0]);
        var corrected = labels.ToDictionary(p => p.Key, p => Bracketed(p.Value));
        if (corrected.All(p => p.Value == labels[p.Key])) return;
        int column = 2 + labels.Values.Max(l => l.Length) + 2;
        int width = corrected.Values.Max(l => l.Length);
        string indent = new(' ', width + 4 - column);
        for (int i = first; i < end; i++)
            lines[i] = corrected.TryGetValue(i, out string? label) ? "  " + label.PadRight(width) + "  " + lines[i][Math.Min(column, lines[i].Length)..]
                : lines[i].Length > 0 ? indent + lines[i] : lines[i];
    }

    // "analyze <MODEL>" → "analyze [<MODEL>]": the command's optional arguments, named as help names them.
    private string Bracketed(string label)
    {
        string name = label.Split(' ')[0];
        var command = Descendants(root).FirstOrDefault(c => c.Name == name);
        if (command is null) return label;
        foreach (var argument in command.Arguments.Where(a => !a.Hidden && a.Arity.MinimumNumberOfValues == 0))
        {
            string shown = $"<{(string.IsNullOrWhiteSpace(argument.HelpName) ? argument.Name : argument.HelpName)}>";
            label = label.Replace($" {shown}", $" [{shown}]", StringComparison.Ordinal);
        }
        return label;
    }

    private static IEnumerable<Command> Descendants(Command command) =>
        command.Subcommands.SelectMany(c => Descendants(c).Prepend(c));

    [GeneratedRegex(@"\[default: [^\]\n]*\|[^\]\n]*\]")]
    private static partial Regex ListDefault();
}
