using NetSym.Networks;

namespace NetSym.Identifiability;

/// <summary>
/// The local reparameterisation behind Γ(X, θ) (Bona-Pellissier, Bachoc &amp; Malgouyres 2022): for
/// every hidden neuron, the weight of its largest-|w| outgoing edge is held fixed. The remaining
/// P − #hidden parameters are a chart of the parameters modulo positive rescaling, and Γ is the
/// parameter Jacobian without the fixed columns.
/// </summary>
/// <remarks>
/// <para>Why a chart: a rescaling g multiplies the fixed edge v → u by λ_u/λ_v (λ = 1 at outputs), so
/// fixing it forces λ_v = λ_u; following fixed edges from v ends at an output, hence every λ = 1.
/// Every θ′ near θ is rescaled into the chart by the λ that restores the fixed weights, which needs
/// them non-zero.</para>
/// <para>The chart exists only when every hidden neuron has a non-zero outgoing weight; the theorems also
/// exclude a neuron whose incoming weights and bias are all zero. Such neurons are listed, not fixed.</para>
/// </remarks>
public sealed class FixedWeights
{
    private FixedWeights(IReadOnlyList<FixedWeight> edges, IReadOnlyList<Neuron> zeroOutgoing, IReadOnlyList<Neuron> zeroIncoming)
    {
        Edges = edges;
        ZeroOutgoing = zeroOutgoing;
        ZeroIncoming = zeroIncoming;
        Columns = [.. edges.Select(e => e.Parameter).Order()];
    }

    /// <summary>One fixed edge per hidden neuron that has a non-zero outgoing weight, in neuron order.</summary>
    public IReadOnlyList<FixedWeight> Edges { get; }

    /// <summary>Hidden neurons whose outgoing weights are all zero (or that no layer reads).</summary>
    public IReadOnlyList<Neuron> ZeroOutgoing { get; }

    /// <summary>Hidden neurons whose incoming weights and bias are all zero.</summary>
    public IReadOnlyList<Neuron> ZeroIncoming { get; }

    /// <summary>The fixed parameters' indices, increasing: the columns removed from the Jacobian.</summary>
    public IReadOnlyList<int> Columns { get; }

    /// <summary>Whether no hidden neuron is degenerate, so that the chart exists and the theorems apply.</summary>
    public bool IsChart => ZeroOutgoing.Count == 0 && ZeroIncoming.Count == 0;

    /// <summary>Chooses the fixed edges of <paramref name="network"/> and finds its degenerate hidden neurons.</summary>
    public static FixedWeights Of(Network network)
    {
        var edges = new List<FixedWeight>();
        var zeroOutgoing = new List<Neuron>();
        var zeroIncoming = new List<Neuron>();
        var layout = network.Layout;
        for (int l = 0; l + 1 < network.Layers.Count; l++)
        {
            var layer = network.Layers[l];
            for (int j = 0; j < layer.OutputSize; j++)
            {
                var neuron = new Neuron(l, j);
                if (IncomingAreZero(layer, j)) zeroIncoming.Add(neuron);
                FixedWeight? best = null;
                // Layers in order and rows in order visit the edges in parameter order: '>' keeps the first maximum.
                for (int m = l + 1; m < network.Layers.Count; m++)
                {
                    var reader = network.Layers[m];
                    int column = network.Graph.Column(m, neuron);
                    if (column < 0) continue;
                    for (int r = 0; r < reader.OutputSize; r++)
                    {
                        if (!reader.HasEdge(r, column)) continue;
                        double w = reader.Weight(r, column);
                        if (w == 0 || best is not null && Math.Abs(w) <= Math.Abs(best.Weight)) continue;
                        best = new FixedWeight(neuron, new Neuron(m, r), layout.Weight(m, r, column), w);
                    }
                }
                if (best is null) zeroOutgoing.Add(neuron);
                else edges.Add(best);
            }
        }
        return new FixedWeights(edges, zeroOutgoing, zeroIncoming);
    }

    private static bool IncomingAreZero(Layer layer, int row)
    {
        if (layer.Bias[row] != 0) return false;
        for (int k = 0; k < layer.InputSize; k++)
            if (layer.Weight(row, k) != 0) return false; // a masked edge stores 0
        return true;
    }
}
