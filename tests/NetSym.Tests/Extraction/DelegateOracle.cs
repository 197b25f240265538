using NetSym.Extraction;
using NetSym.LinearAlgebra;

namespace NetSym.Tests.Extraction;

/// <summary>An oracle that answers whatever <paramref name="answer"/> returns: for oracles that misbehave.</summary>
internal sealed class DelegateOracle(int inputSize, int outputSize, Func<Matrix, Matrix> answer) : IQueryOracle
{
    public int InputSize => inputSize;

    public int OutputSize => outputSize;

    public Matrix Query(Matrix inputs) => answer(inputs);
}
