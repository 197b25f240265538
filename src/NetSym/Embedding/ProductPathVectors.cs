using NetSym.LinearAlgebra;
using NetSym.Networks;

namespace NetSym.Embedding;

/// <summary>
/// A batch of n path-indexed vectors in product form: the entry of row i for path p is
/// a_i(p)·∏_{v ∈ p} c_i(v), with a_i(p) = <see cref="Starts"/>[i, k] for a path from input
/// coordinate k and 1 for a bias path, and c_i(v) = <see cref="NeuronFactors"/>[layer of v][i, index of v]
/// for every neuron v the path visits (its starting bias's neuron and its output included).
/// </summary>
/// <remarks>
/// The activations A(x, pattern) of the local linear parameterisation have this form
/// (<see cref="LocalLinearParameterization"/>), which is what lets ⟨Φ(θ), A⟩ be computed by one
/// forward pass instead of a sum over exponentially many paths (<see cref="ImplicitPathLifting"/>).
/// </remarks>
public sealed record ProductPathVectors(Matrix Starts, IReadOnlyList<Matrix> NeuronFactors)
{
    /// <summary>Number of vectors n.</summary>
    public int Count => Starts.Rows;

    /// <summary>Throws unless the shapes fit the network: n × n₀ starts and one n × N_l matrix per layer.</summary>
    /// <exception cref="ArgumentException">A shape that does not fit.</exception>
    public void Validate(Network network)
    {
        if (Starts.Columns != network.InputSize)
            throw new ArgumentException($"path vectors have {Starts.Columns} input factors, the network has {network.InputSize} inputs");
        if (NeuronFactors.Count != network.Layers.Count)
            throw new ArgumentException($"path vectors have factors for {NeuronFactors.Count} layers, the network has {network.Layers.Count}");
        for (int l = 0; l < NeuronFactors.Count; l++)
            if (NeuronFactors[l].Rows != Count || NeuronFactors[l].Columns != network.Layers[l].OutputSize)
                throw new ArgumentException(
                    $"layer {l} factors are {NeuronFactors[l].Rows}×{NeuronFactors[l].Columns}, expected {Count}×{network.Layers[l].OutputSize}");
    }

    /// <summary>The vectors written out: an n × #entries(Φ) matrix, columns in path order.</summary>
    /// <exception cref="PathLimitExceededException">Φ has more than <paramref name="maxPaths"/> entries.</exception>
    public Matrix ToMatrix(Network network, long maxPaths = PathLifting.DefaultMaxPaths)
    {
        Validate(network);
        var (enumerator, entries) = PathLifting.Enumerate(network, maxPaths);
        var result = new Matrix(Count, entries);
        int column = 0;
        enumerator.Walk((input, neurons, _) =>
        {
            for (int i = 0; i < Count; i++)
            {
                double product = input < 0 ? 1 : Starts[i, input];
                foreach (int id in neurons)
                {
                    var v = enumerator.NeuronAt(id);
                    product *= NeuronFactors[v.Layer][i, v.Index];
                }
                result[i, column] = product;
            }
            column++;
        });
        return result;
    }
}
