using System.Text.Json;
using NetSym.Cli;
using NetSym.Cli.Rendering;
using NetSym.IO;
using NetSym.LinearAlgebra;
using Spectre.Console;

namespace NetSym.Tests.Cli;

public class ReportRenderingTests
{
    private static readonly Report Sample = new(
    [
        new ReportSection(null, "Top")
        {
            Facts = [new("name", "Name", "x"), new("flag", "Flag", true)],
        },
        new ReportSection("section", "A section")
        {
            Facts =
            [
                new("sum", "Sum", 0.1 + 0.2, "float64"),
                new("count", "Count", 12345678901L),
                new("bad", "Bad", double.NaN),
                new("big", "Big", double.NegativeInfinity),
                new("list", "List", new IntegerListValue([0, 2])),
                new("matrix", "Matrix", new MatrixValue(new Matrix(2, 2, [1.0 / 3, -0.0, 5e-324, 1e300]))),
                new("group", "Group", new GroupValue([new("random", "random", 4), new("seed", "seed", 9)])),
            ],
            Tables = [new ReportTable("rows", "Rows", [new("a", "A"), new("b", "B")], [[1, "one"], [2, "two"]])],
            Method = "by hand",
        },
    ]);

    /// <summary>Records the longest single write, to show that the JSON goes out in pieces.</summary>
    private sealed class LargestWrite : StringWriter
    {
        public int Largest { get; private set; }

        public override void Write(string? value)
        {
            Largest = Math.Max(Largest, value?.Length ?? 0);
            base.Write(value);
        }
    }

    [Fact]
    public void A_long_table_goes_out_in_pieces_and_reads_back_whole()
    {
        const int rows = 200_000;
        var table = new ReportTable("rows", "Rows", [new("i", "I"), new("x", "X")],
            new ComputedRows(rows, i => [i, i / 7.0]));
        var writer = new LargestWrite();
        JsonReportWriter.Write(new Report([new ReportSection("s", "S") { Tables = [table] }]), writer);
        string text = writer.ToString();
        // About 25 bytes a row: the whole text is ~5 MB, but no single write is much past one chunk.
        Assert.True(text.Length > 40 * JsonReportWriter.ChunkBytes);
        Assert.InRange(writer.Largest, 1, 2 * JsonReportWriter.ChunkBytes);
        var parsed = JsonDocument.Parse(text).RootElement.GetProperty("s").GetProperty("rows");
        Assert.Equal(rows, parsed.GetArrayLength());
        Assert.Equal(rows - 1, parsed[rows - 1].GetProperty("i").GetInt32());
        Assert.Equal((rows - 1) / 7.0, parsed[rows - 1].GetProperty("x").GetDouble());
    }

    [Fact]
    public void Json_is_one_object_with_exact_doubles_and_named_non_finite_values()
    {
        var writer = new StringWriter();
        JsonReportWriter.Write(Sample, writer);
        string text = writer.ToString();
        Assert.Single(text.Split('\n', StringSplitOptions.RemoveEmptyEntries));

        var root = JsonDocument.Parse(text).RootElement;
        Assert.Equal("x", root.GetProperty("name").GetString());
        Assert.True(root.GetProperty("flag").GetBoolean());
        var section = root.GetProperty("section");
        Assert.Equal(0.1 + 0.2, section.GetProperty("sum").GetDouble());
        Assert.Equal(12345678901L, section.GetProperty("count").GetInt64());
        Assert.Equal("NaN", section.GetProperty("bad").GetString());
        Assert.Equal("-Infinity", section.GetProperty("big").GetString());
        Assert.Equal([0, 2], section.GetProperty("list").EnumerateArray().Select(e => e.GetInt32()));
        var matrix = section.GetProperty("matrix");
        Assert.Equal(1.0 / 3, matrix[0][0].GetDouble());
        Assert.Equal(BitConverter.DoubleToInt64Bits(-0.0), BitConverter.DoubleToInt64Bits(matrix[0][1].GetDouble()));
        Assert.Equal(5e-324, matrix[1][0].GetDouble());
        Assert.Equal(9, section.GetProperty("group").GetProperty("seed").GetInt32());
        Assert.Equal("two", section.GetProperty("rows")[1].GetProperty("b").GetString());
        Assert.Equal("by hand", section.GetProperty("method").GetString());
    }

    [Fact]
    public void Console_shows_titles_labels_values_notes_and_tables_without_escapes()
    {
        var writer = new StringWriter();
        var environment = new CliEnvironment(writer, outputIsTerminal: false);
        ConsoleReportRenderer.Render(Sample, environment.Console);
        string text = writer.ToString();
        foreach (var expected in new[] { "A section", "Sum", "0.3  (float64)", "12345678901", "NaN", "0, 2", "random 4, seed 9", "two", "method: by hand" })
            Assert.Contains(expected, text);
        Assert.DoesNotContain('\u001b', text);
        Assert.All(text.Split('\n'), line => Assert.Equal(line.TrimEnd(' '), line));
    }

    [Fact]
    public void Trailing_spaces_are_dropped_and_inner_spaces_kept()
    {
        var inner = new StringWriter();
        var writer = new TrailingSpaceTrimmingWriter(inner);
        writer.Write("a  b   \n   c ");
        writer.Write(" d  \n");
        Assert.Equal("a  b\n   c  d\n", inner.ToString());
    }

    [Fact]
    public void Errors_become_one_line_and_unexpected_ones_name_their_type()
    {
        Assert.Equal("m.json: no such file", ErrorMessages.Describe(new ModelFileException("m.json", "no such file")));
        Assert.Equal("bad value", ErrorMessages.Describe(new ArgumentException("bad value")));
        Assert.Equal("unexpected InvalidOperationException: first second", ErrorMessages.Describe(new InvalidOperationException("first\r\n  second\n")));
        Assert.Equal("netsym: error: a b", ErrorMessages.Line("a\nb"));
    }

    [Fact]
    public void Errors_are_in_the_users_words_not_the_runtimes()
    {
        Assert.Equal("the tolerance must be a finite number ≥ 0, got -1",
            ErrorMessages.Describe(new ArgumentException("the tolerance must be a finite number ≥ 0, got -1", "tolerance")));
        Assert.Equal("Access to the path '/x/orb' is denied.", ErrorMessages.Describe(new UnauthorizedAccessException("Access to the path '/x/orb' is denied.")));
        Assert.Equal("No space left on device : '/x/y'", ErrorMessages.Describe(new IOException("No space left on device : '/x/y'")));
        string tooLarge = ErrorMessages.Describe(Assert.Throws<MatrixTooLargeException>(() => new Matrix(90_000, 25_720)));
        Assert.Equal("a 90000 × 25720 matrix has 2,314,800,000 entries, more than one array holds (2,147,483,591); use fewer points (--points N) or a shorter --inputs file", tooLarge);
    }
}
