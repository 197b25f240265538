using NetSym.LinearAlgebra;

namespace NetSym.Extraction;

/// <summary>
/// Query access to a function f: ℝ^<see cref="InputSize"/> → ℝ^<see cref="OutputSize"/>, and nothing
/// else: an extractor holding an oracle can evaluate f but cannot reach the weights behind it.
/// </summary>
/// <remarks>
/// The extractor never calls an oracle directly: it gets a <see cref="CountingOracle"/>, which counts
/// every row, enforces the budget and checks every answer.
/// </remarks>
public interface IQueryOracle
{
    /// <summary>Number of inputs d of f.</summary>
    int InputSize { get; }

    /// <summary>Number of outputs m of f.</summary>
    int OutputSize { get; }

    /// <summary>
    /// f of every row of <paramref name="inputs"/> (rows × <see cref="InputSize"/>): a fresh
    /// rows × <see cref="OutputSize"/> matrix, row i being f(row i). The inputs are not modified.
    /// </summary>
    Matrix Query(Matrix inputs);
}
