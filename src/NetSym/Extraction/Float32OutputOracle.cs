using NetSym.LinearAlgebra;

namespace NetSym.Extraction;

/// <summary>
/// Rounds every output to the nearest float32 (ties to even), as a model that answers in single
/// precision would: a robustness experiment for extraction with 24-bit outputs.
/// </summary>
/// <remarks>A finite output beyond float32's range becomes an infinity, which the answer check then refuses.</remarks>
internal sealed class Float32OutputOracle(IQueryOracle inner) : IQueryOracle
{
    public int InputSize => inner.InputSize;

    public int OutputSize => inner.OutputSize;

    public Matrix Query(Matrix inputs)
    {
        var answer = inner.Query(inputs);
        var rounded = new Matrix(answer.Rows, answer.Columns);
        for (int k = 0; k < answer.Data.Length; k++) rounded.Data[k] = (float)answer.Data[k];
        return rounded;
    }
}
