using System.Diagnostics;
using System.Globalization;
using Spectre.Console;

namespace NetSym.Cli.Rendering;

/// <summary>Renders a <see cref="Report"/> for people: a rule per section, a grid of facts, tables, the method.</summary>
internal static class ConsoleReportRenderer
{
    /// <summary>Writes every section to <paramref name="console"/>.</summary>
    public static void Render(Report report, IAnsiConsole console)
    {
        foreach (var section in report.Sections) Render(section, console);
    }

    private static void Render(ReportSection section, IAnsiConsole console)
    {
        if (section.Title.Length > 0)
            console.Write(new Rule($"[bold]{Markup.Escape(section.Title)}[/]").LeftJustified());
        if (section.Facts.Count > 0)
        {
            var grid = new Grid().AddColumn(new GridColumn().NoWrap().PadRight(2)).AddColumn();
            foreach (var fact in section.Facts)
            {
                string value = Markup.Escape(Format(fact.Value));
                grid.AddRow(new Text(fact.Label), new Markup(fact.Note is null ? value : $"{value}  [dim]({Markup.Escape(fact.Note)})[/]"));
            }
            console.Write(grid);
        }
        foreach (var table in section.Tables)
        {
            console.Write(Render(table));
            if (table.Caption is not null) console.Write(new Markup($"[dim]{Markup.Escape(table.Caption)}[/]\n"));
        }
        if (section.Method is not null)
            console.Write(new Markup($"[dim]method: {Markup.Escape(section.Method)}[/]\n"));
        console.WriteLine();
    }

    private static Table Render(ReportTable table)
    {
        var result = new Table { Title = new TableTitle(table.Title), Border = TableBorder.Rounded };
        foreach (var column in table.Columns) result.AddColumn(new TableColumn(Markup.Escape(column.Header)));
        foreach (var row in table.Rows) result.AddRow(row.Select(v => new Text(Format(v))).ToArray());
        return result;
    }

    /// <summary>A value as console text: integers exact, reals to 6 significant digits, flags as yes/no.</summary>
    public static string Format(ReportValue value) => value switch
    {
        NoValue => "",
        TextValue t => t.Text,
        IntegerValue i => i.Value.ToString(CultureInfo.InvariantCulture),
        RealValue r => r.Value.ToString("G6", CultureInfo.InvariantCulture),
        FlagValue f => f.Value ? "yes" : "no",
        IntegerListValue l => l.Values.Count == 0 ? "none" : string.Join(", ", l.Values),
        RealListValue r => "(" + string.Join(", ", r.Values.Select(x => x.ToString("G6", CultureInfo.InvariantCulture))) + ")",
        MatrixValue m => string.Join('\n', Enumerable.Range(0, m.Matrix.Rows).Select(i =>
            string.Join(", ", m.Matrix.Row(i).ToArray().Select(x => x.ToString("G6", CultureInfo.InvariantCulture))))),
        GroupValue g => string.Join(", ", g.Facts.Select(f => $"{f.Label} {Format(f.Value)}")),
        _ => throw new UnreachableException($"no console format for {value.GetType().Name}"),
    };
}
