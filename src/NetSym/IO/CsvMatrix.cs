using System.Globalization;
using System.Text;
using NetSym.LinearAlgebra;

namespace NetSym.IO;

/// <summary>
/// Matrices as plain CSV: one line per row, no header, cells separated by commas. Written cells
/// use the shortest invariant-culture text that reads back to the same double ("R"), so
/// <c>Read(Write(M)) = M</c> bit for bit.
/// </summary>
/// <remarks>
/// Reading accepts whitespace around cells and ignores blank lines; it rejects a non-numeric cell
/// (a header included), an empty cell, NaN or infinite values, rows of different lengths, a file
/// with no rows, and — when a width is expected — rows of another width. Each problem is a
/// <see cref="ModelFileException"/> naming the file, the line and, for a bad cell, the column
/// (both 1-based).
/// </remarks>
public static class CsvMatrix
{
    /// <summary>Reads a CSV file into a matrix, one row per non-blank line.</summary>
    /// <param name="path">The file.</param>
    /// <param name="expectedColumns">When given, every row must have exactly this many cells (e.g. a network's input size).</param>
    /// <param name="columnsAre">What that number is, for the error message.</param>
    /// <exception cref="ModelFileException">A missing or unreadable file, or any of the problems listed on the class.</exception>
    public static Matrix Read(string path, int? expectedColumns = null, string columnsAre = "the network's input size")
    {
        if (!File.Exists(path)) throw new ModelFileException(path, Directory.Exists(path) ? "is a directory, not a CSV file" : "no such file");
        try
        {
            using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            return Read(reader, path, expectedColumns, columnsAre);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ModelFileException(path, $"cannot read: {e.Message}", e);
        }
    }

    /// <summary>Reads CSV text; <paramref name="source"/> names the origin in error messages, <paramref name="columnsAre"/> what <paramref name="expectedColumns"/> is.</summary>
    /// <exception cref="ModelFileException">Any of the problems listed on the class.</exception>
    public static Matrix Read(TextReader reader, string source, int? expectedColumns = null, string columnsAre = "the network's input size")
    {
        var rows = new List<double[]>();
        int lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            var cells = line.Split(',');
            int width = expectedColumns ?? (rows.Count > 0 ? rows[0].Length : cells.Length);
            if (cells.Length != width)
            {
                string expectation = expectedColumns is null
                    ? $"the first row has {width}"
                    : $"expected {width} ({columnsAre})";
                throw new ModelFileException(source, $"line {lineNumber} has {cells.Length} values, {expectation}");
            }
            var row = new double[cells.Length];
            for (int j = 0; j < cells.Length; j++) row[j] = ParseCell(cells[j], source, lineNumber, j + 1);
            rows.Add(row);
        }
        if (rows.Count == 0) throw new ModelFileException(source, "empty file: no rows of numbers");
        return Matrix.FromRows(rows);
    }

    /// <summary>Writes the matrix as CSV to a file, whole or not at all (<see cref="AtomicFile"/>).</summary>
    /// <exception cref="ModelFileException">The directory does not exist or cannot be written; nothing is left behind.</exception>
    public static void Write(Matrix matrix, string path) =>
        AtomicFile.Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), leaveOpen: true);
            Write(matrix, writer);
        });

    /// <summary>Writes the matrix as CSV: one line per row, terminated by '\n' on every platform.</summary>
    public static void Write(Matrix matrix, TextWriter writer)
    {
        var line = new StringBuilder();
        for (int i = 0; i < matrix.Rows; i++)
        {
            line.Clear();
            var row = matrix.Row(i);
            for (int j = 0; j < row.Length; j++)
            {
                if (j > 0) line.Append(',');
                line.Append(row[j].ToString("R", CultureInfo.InvariantCulture));
            }
            writer.Write(line.Append('\n'));
        }
        writer.Flush();
    }

    private static double ParseCell(string cell, string source, int line, int column)
    {
        string text = cell.Trim();
        string where = $"line {line}, column {column}";
        if (text.Length == 0) throw new ModelFileException(source, $"{where} is empty");
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
        {
            string hint = line == 1 ? " (a header line is not allowed: the file holds numbers only)" : "";
            throw new ModelFileException(source, $"{where}: '{text}' is not a number{hint}");
        }
        if (!double.IsFinite(value)) throw new ModelFileException(source, $"{where}: '{text}' is not a finite number");
        return value;
    }
}
