using System.Numerics.Tensors;
using NetSym.LinearAlgebra;
using NetSym.Networks;

namespace NetSym.Embedding;

/// <summary>
/// Operations on Φ(θ) that never materialise it, for path vectors in product form
/// (<see cref="ProductPathVectors"/>): one pass over the DAG per batch, GEMMs on the backend.
/// </summary>
/// <remarks>
/// Grouping the paths ending at neuron v by their last edge gives the recursion
/// h(v) = c(v)·(Σ_{u→v} w(u→v)·h(u) + b_v) with h(input k) = a(k): h(o) is the sum over the paths p
/// ending at output o of Φ_p(θ)·v(p). It is a forward pass whose activations are replaced by the
/// frozen factors c; its forward-mode derivative gives the Jacobian-vector products.
/// </remarks>
public static class ImplicitPathLifting
{
    /// <summary>
    /// An n × m matrix whose entry (i, o) is ⟨Φ_o(θ), v_i⟩ = Σ_{paths p ending at output o} Φ_p(θ)·v_i(p);
    /// the full inner product ⟨Φ(θ), v_i⟩ is the sum of row i.
    /// </summary>
    /// <exception cref="ArgumentException">Shapes that do not fit, or an activation that is not positively homogeneous.</exception>
    public static Matrix InnerProducts(Network network, ProductPathVectors vectors, LinearAlgebraBackend backend) =>
        Propagate(network, vectors, direction: null, backend).Values;

    /// <summary>
    /// An n × m matrix whose entry (i, o) is ⟨DΦ_o(θ)·u, v_i⟩: the derivative of ⟨Φ_o(θ + t·u), v_i⟩ at t = 0,
    /// for a parameter direction u in <see cref="Network.GetParameters"/> order.
    /// </summary>
    /// <exception cref="ArgumentException">Shapes that do not fit, or an activation that is not positively homogeneous.</exception>
    public static Matrix DirectionalDerivatives(Network network, ProductPathVectors vectors, ReadOnlySpan<double> direction,
        LinearAlgebraBackend backend)
    {
        if (direction.Length != network.ParameterCount)
            throw new ArgumentException($"direction has {direction.Length} entries, the network has {network.ParameterCount} parameters");
        return Propagate(network, vectors, network.WithParameters(direction), backend).Derivatives!;
    }

    /// <summary>
    /// h per node as above and, when a direction is given (as a network whose parameters are u), its
    /// derivative dh(v) = c(v)·(Σ_{u→v} (du(u→v)·h(u) + w(u→v)·dh(u)) + db_v), dh(input) = 0.
    /// </summary>
    private static (Matrix Values, Matrix? Derivatives) Propagate(Network network, ProductPathVectors vectors, Network? direction,
        LinearAlgebraBackend la)
    {
        PathLifting.EnsureSupported(network);
        vectors.Validate(network);
        int n = vectors.Count, layers = network.Layers.Count;
        var h = new Matrix[layers + 1];
        var dh = new Matrix?[layers + 1];
        h[0] = vectors.Starts;
        for (int l = 0; l < layers; l++)
        {
            var layer = network.Layers[l];
            var dLayer = direction?.Layers[l];
            int width = layer.OutputSize;
            var z = BiasRows(layer, n);
            var dz = dLayer is null ? null : BiasRows(dLayer, n);
            int offset = 0;
            foreach (int s in layer.Sources)
            {
                int size = network.NodeSize(s);
                la.Gemm(false, true, n, width, size, 1.0, h[s].Data, size, layer.WeightArray.AsSpan(offset), layer.InputSize, 1.0, z.Data, width);
                if (dz is not null)
                {
                    la.Gemm(false, true, n, width, size, 1.0, h[s].Data, size, dLayer!.WeightArray.AsSpan(offset), layer.InputSize, 1.0, dz.Data, width);
                    if (dh[s] is { } dSource)
                        la.Gemm(false, true, n, width, size, 1.0, dSource.Data, size, layer.WeightArray.AsSpan(offset), layer.InputSize, 1.0, dz.Data, width);
                }
                offset += size;
            }
            var factors = vectors.NeuronFactors[l].Data;
            TensorPrimitives.Multiply(z.Data, factors, z.Data);
            h[l + 1] = z;
            if (dz is not null)
            {
                TensorPrimitives.Multiply(dz.Data, factors, dz.Data);
                dh[l + 1] = dz;
            }
        }
        return (h[layers], dh[layers]);
    }

    private static Matrix BiasRows(Layer layer, int n)
    {
        var z = new Matrix(n, layer.OutputSize);
        for (int i = 0; i < n; i++) layer.Bias.CopyTo(z.Row(i));
        return z;
    }
}
