using NetSym.LinearAlgebra;
using NetSym.Networks;
using NetSym.Symmetries;

namespace NetSym.Dimension;

/// <summary>
/// The tangent space at θ of the orbit of the continuous symmetry group: one vector per hidden neuron
/// and continuous parameter of its activation's symmetry families, as residues mod p. Each lies in
/// the kernel of every parameter Jacobian, since moving along it leaves the function unchanged.
/// </summary>
/// <remarks>
/// An element (a, b, c, d) with ρ(a·z + b) = c·ρ(z) + d acts on hidden neuron j by (w_j, β_j) ↦
/// (a·w_j, a·β_j + b), u ↦ u/c on every outgoing weight and b_o ↦ b_o − u·d/c on every consumer's bias.
/// Along a one-parameter family through the identity with velocity (a', b', c', d') the derivative is
/// δw_j = a'·w_j, δβ_j = a'·β_j + b', δu = −c'·u, δb_o = −d'·u: for positive scaling (1, 0, 1, 0) this is
/// (w_j, β_j, −u), the direction Grigsby et al. remove from the parameter count; the affine family of
/// the identity adds (0, 1, 0, 1), eˣ's translations (0, 1, 1, 0). Each family supplies its own velocities.
/// </remarks>
internal static class SymmetryTangents
{
    /// <summary>The tangent vectors mod p, one per row (<see cref="SymmetryGroup.ContinuousDimension"/> rows, P columns).</summary>
    public static Matrix Compute(Network network, PrimeField field)
    {
        var layout = network.Layout;
        var group = SymmetryGroup.Of(network);
        var velocities = new List<(Neuron Neuron, AffineSymmetry Velocity)>();
        foreach (var layer in group.Layers)
            for (int j = 0; j < layer.Width; j++)
                foreach (var family in layer.Activation.Symmetries.Continuous)
                    foreach (var velocity in family.Velocities)
                        velocities.Add((new Neuron(layer.Layer, j), velocity));

        var tangents = new Matrix(velocities.Count, network.ParameterCount);
        for (int t = 0; t < velocities.Count; t++)
        {
            var ((l, j), v) = velocities[t];
            var row = tangents.Row(t);
            long a = field.FromDouble(v.A), b = field.FromDouble(v.B), c = field.FromDouble(v.C), d = field.FromDouble(v.D);
            var layer = network.Layers[l];
            for (int k = 0; k < layer.InputSize; k++)
                if (layer.HasEdge(j, k)) row[layout.Weight(l, j, k)] = field.Multiply(a, field.FromDouble(layer.Weight(j, k)));
            row[layout.Bias(l, j)] = field.Reduce(field.Multiply(a, field.FromDouble(layer.Bias[j])) + b);
            foreach (var (consumer, offset) in network.Graph.Readers(l + 1))
            {
                var cl = network.Layers[consumer];
                for (int r = 0; r < cl.OutputSize; r++)
                {
                    if (!cl.HasEdge(r, offset + j)) continue;
                    long u = field.FromDouble(cl.Weight(r, offset + j));
                    int w = layout.Weight(consumer, r, offset + j), bias = layout.Bias(consumer, r);
                    row[w] = field.Reduce(-field.Multiply(c, u));
                    row[bias] = field.Reduce((long)row[bias] - field.Multiply(d, u));
                }
            }
        }
        return tangents;
    }
}
