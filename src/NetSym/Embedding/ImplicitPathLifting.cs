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
        var output = LayerKernel.Forward(network, new Tangent(vectors.Starts, null),
            new TangentArithmetic(new DoubleForwardArithmetic(la, vectors.Count), vectors, direction))[^1];
        return (output.Value, output.Derivative);
    }

    /// <summary>h of a node and, when a direction is given, its derivative dh; one row per path vector.</summary>
    private sealed record Tangent(Matrix Value, Matrix? Derivative);

    /// <summary>
    /// Forward mode on the double batch arithmetic: the values and derivatives of a layer take the same
    /// GEMMs as a forward pass, and the activation is the multiplication by the frozen factors c.
    /// </summary>
    private readonly struct TangentArithmetic(DoubleForwardArithmetic batch, ProductPathVectors vectors, Network? direction)
        : IForwardArithmetic<Tangent>
    {
        public Tangent Bias(int index, Layer layer) =>
            new(batch.Bias(index, layer), direction is null ? null : batch.Bias(index, direction.Layers[index]));

        public void Accumulate(int index, Layer layer, Tangent z, Tangent source, int offset, int size)
        {
            batch.Accumulate(index, layer, z.Value, source.Value, offset, size);
            if (z.Derivative is not { } dz) return;
            batch.Accumulate(index, direction!.Layers[index], dz, source.Value, offset, size);
            if (source.Derivative is { } dSource) batch.Accumulate(index, layer, dz, dSource, offset, size);
        }

        public Tangent Activate(int index, Layer layer, Tangent z, bool keepPreActivation)
        {
            var y = keepPreActivation ? new Tangent(Copy(z.Value), z.Derivative is null ? null : Copy(z.Derivative)) : z;
            var factors = vectors.NeuronFactors[index].Data;
            TensorPrimitives.Multiply(y.Value.Data, factors, y.Value.Data);
            if (y.Derivative is { } dy) TensorPrimitives.Multiply(dy.Data, factors, dy.Data);
            return y;
        }

        private static Matrix Copy(Matrix m) => new(m.Rows, m.Columns, (double[])m.Data.Clone());
    }
}
