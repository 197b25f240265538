using NetSym.Extraction;
using NetSym.LinearAlgebra;
using NetSym.Networks;

namespace NetSym.Tests.Extraction;

/// <summary>
/// The in-process oracle of the extraction tests: a network (the ground truth, held on this side of
/// <see cref="IQueryOracle"/>) evaluated in double, which keeps its own count of the rows it
/// evaluated, independent of any <see cref="QueryLedger"/>.
/// </summary>
internal sealed class NetworkOracle(Network network) : IQueryOracle
{
    public int InputSize => network.InputSize;

    public int OutputSize => network.OutputSize;

    /// <summary>Rows evaluated so far.</summary>
    public long RowsEvaluated { get; private set; }

    /// <summary>Queries answered so far.</summary>
    public int Calls { get; private set; }

    public Matrix Query(Matrix inputs)
    {
        RowsEvaluated += inputs.Rows;
        Calls++;
        return Forward.Evaluate(network, inputs, LinearAlgebraBackends.Default);
    }
}
