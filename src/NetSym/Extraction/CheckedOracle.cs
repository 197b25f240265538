using NetSym.LinearAlgebra;

namespace NetSym.Extraction;

/// <summary>
/// Passes queries on and checks every answer before anyone uses it: one row per input row,
/// <see cref="IQueryOracle.OutputSize"/> columns, every entry finite. Anything else is an
/// <see cref="OracleException"/> naming the oracle, the row and the column.
/// </summary>
/// <param name="inner">The oracle whose answers are checked.</param>
/// <param name="name">The oracle's name in error messages (a model file, a quoted command).</param>
internal sealed class CheckedOracle(IQueryOracle inner, string name) : IQueryOracle
{
    public int InputSize => inner.InputSize;

    public int OutputSize => inner.OutputSize;

    public Matrix Query(Matrix inputs)
    {
        var answer = inner.Query(inputs) ?? throw new OracleException(name, "answered nothing");
        if (answer.Rows != inputs.Rows)
            throw new OracleException(name, $"answered {answer.Rows} rows for {inputs.Rows} inputs");
        if (answer.Columns != OutputSize)
            throw new OracleException(name, $"answered {answer.Columns} outputs per row, expected {OutputSize}");
        for (int i = 0; i < answer.Rows; i++)
        {
            var row = answer.Row(i);
            for (int j = 0; j < row.Length; j++)
                if (!double.IsFinite(row[j]))
                    throw new OracleException(name, $"answered {(double.IsNaN(row[j]) ? "NaN" : "infinity")} at row {i}, output {j}");
        }
        return answer;
    }
}
