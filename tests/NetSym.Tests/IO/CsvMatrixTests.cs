using CsCheck;
using NetSym.IO;
using NetSym.LinearAlgebra;

namespace NetSym.Tests.IO;

public class CsvMatrixTests
{
    private static Matrix Parse(string text, int? expectedColumns = null) =>
        CsvMatrix.Read(new StringReader(text), "test.csv", expectedColumns);

    private static string Text(Matrix m)
    {
        var writer = new StringWriter();
        CsvMatrix.Write(m, writer);
        return writer.ToString();
    }

    private static void AssertBitEqual(Matrix expected, Matrix actual)
    {
        Assert.Equal(expected.Rows, actual.Rows);
        Assert.Equal(expected.Columns, actual.Columns);
        for (int k = 0; k < expected.Data.Length; k++)
            Assert.Equal(BitConverter.DoubleToInt64Bits(expected.Data[k]), BitConverter.DoubleToInt64Bits(actual.Data[k]));
    }

    [Fact]
    public void Any_finite_doubles_read_back_bit_for_bit()
    {
        var matrices =
            from rows in Gen.Int[1, 6]
            from columns in Gen.Int[1, 6]
            from data in Gen.Double.Where(double.IsFinite).Array[rows * columns]
            select new Matrix(rows, columns, data);
        matrices.Sample(m => AssertBitEqual(m, Parse(Text(m))), iter: 300);
    }

    [Fact]
    public void Extreme_values_read_back_bit_for_bit()
    {
        var m = new Matrix(2, 4, [0.1, -0.0, double.Epsilon, double.MaxValue, -double.MaxValue, 1e-300, 2.2250738585072014E-308, 1 / 3.0]);
        AssertBitEqual(m, Parse(Text(m)));
    }

    [Fact]
    public void Writes_one_line_per_row_without_header_in_invariant_round_trip_form()
    {
        var m = new Matrix(2, 3, [1, -0.5, 0.1, 3e300, 1 / 3.0, -0.0]);
        Assert.Equal("1,-0.5,0.1\n3E+300,0.3333333333333333,-0\n", Text(m));
    }

    [Fact]
    public void Whitespace_around_cells_and_blank_lines_are_ignored()
    {
        var m = Parse(" 1 ,\t2.5e1 \r\n\n  \n-3,  +4\n");
        AssertBitEqual(new Matrix(2, 2, [1, 25, -3, 4]), m);
    }

    [Theory]
    [InlineData("x1,x2\n1,2\n", null, "line 1, column 1: 'x1' is not a number (a header line is not allowed")]
    [InlineData("1,2\n3,abc\n", null, "line 2, column 2: 'abc' is not a number")]
    [InlineData("1,2\n3\n", null, "line 2 has 1 values, the first row has 2")]
    [InlineData("1,2\n\n3,4,5\n", null, "line 3 has 3 values, the first row has 2")]
    [InlineData("", null, "empty file")]
    [InlineData("\n  \n", null, "empty file")]
    [InlineData("1,NaN\n", null, "line 1, column 2: 'NaN' is not a finite number")]
    [InlineData("1,2\n-Infinity,2\n", null, "line 2, column 1: '-Infinity' is not a finite number")]
    [InlineData("1e999,2\n", null, "line 1, column 1: '1e999' is not a finite number")]
    [InlineData("1,,2\n", null, "line 1, column 2 is empty")]
    [InlineData("1;2\n", null, "line 1, column 1: '1;2' is not a number")]
    [InlineData("1,2,3\n", 2, "line 1 has 3 values, expected 2 (the network's input size)")]
    [InlineData("1,2\n3,4\n", 3, "line 1 has 2 values, expected 3")]
    public void Bad_input_names_the_file_line_and_problem(string text, int? expectedColumns, string problem)
    {
        var e = Assert.Throws<ModelFileException>(() => Parse(text, expectedColumns));
        Assert.Equal("test.csv", e.Path);
        Assert.StartsWith("test.csv: ", e.Message);
        Assert.Contains(problem, e.Problem);
    }

    [Fact]
    public void Expected_width_accepts_matching_rows()
    {
        AssertBitEqual(new Matrix(1, 3, [1, 2, 3]), Parse("1,2,3", expectedColumns: 3));
    }

    [Fact]
    public void File_round_trip_and_missing_file()
    {
        string dir = Directory.CreateTempSubdirectory("netsym-csv-").FullName;
        try
        {
            string path = Path.Combine(dir, "m.csv");
            var m = new Matrix(3, 2, [0.1, 0.2, 0.3, -1e-10, 7, 8]);
            CsvMatrix.Write(m, path);
            AssertBitEqual(m, CsvMatrix.Read(path, 2));

            string missing = Path.Combine(dir, "missing.csv");
            var e = Assert.Throws<ModelFileException>(() => CsvMatrix.Read(missing));
            Assert.Equal(missing, e.Path);
            Assert.Contains("no such file", e.Problem);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Writing_into_a_missing_directory_fails_and_leaves_nothing()
    {
        string dir = Directory.CreateTempSubdirectory("netsym-csv-").FullName;
        try
        {
            string path = Path.Combine(dir, "nope", "m.csv");
            Assert.Throws<ModelFileException>(() => CsvMatrix.Write(new Matrix(1, 1, [1]), path));
            Assert.Empty(Directory.EnumerateFileSystemEntries(dir));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
