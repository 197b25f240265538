namespace NetSym.Tests.Cli;

public sealed class HelpTests
{
    // The rows of the "Commands:" section: the lines after the title up to the first blank one.
    private static List<string> CommandRows(string help) =>
        [.. help.Split('\n').SkipWhile(l => l != "Commands:").Skip(1).TakeWhile(l => l.Length > 0)];

    [Fact]
    public void The_list_of_commands_brackets_an_optional_argument_and_keeps_the_descriptions_aligned()
    {
        var result = CliHarness.Run("--help");
        Assert.Equal(0, result.ExitCode);
        var rows = CommandRows(result.Stdout);
        Assert.Contains(rows, r => r.StartsWith("  analyze [<MODEL>]  ", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.StartsWith("  info <MODEL>  ", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.StartsWith("  equiv <A> <B>  ", StringComparison.Ordinal));
        // Every description starts in one column, two spaces after the widest label.
        int column = rows.Select(r => r.Length - r[2..].Split("  ", 2)[1].TrimStart().Length).Distinct().Single();
        Assert.Equal(2 + rows.Max(r => r[2..].Split("  ", 2)[0].Length) + 2, column);
    }

    [Fact]
    public void The_usage_line_and_the_list_agree_on_which_arguments_are_optional()
    {
        Assert.Contains(" analyze [<MODEL>] [options]", CliHarness.Run("analyze", "--help").Stdout);
        Assert.Contains(" fdim <MODEL> [options]", CliHarness.Run("fdim", "--help").Stdout);
        Assert.Contains(CommandRows(CliHarness.Run("sweep", "--help").Stdout), r => r.StartsWith("  merge <OUT> <IN>  ", StringComparison.Ordinal));
    }

    [Fact]
    public void A_list_default_is_shown_as_it_is_written_on_the_command_line()
    {
        var result = CliHarness.Run("embed", "--help");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Stderr);
        Assert.Contains("[default: 0,1,2]", result.Stdout);
        Assert.DoesNotContain("0|1|2", result.Stdout);
    }
}
