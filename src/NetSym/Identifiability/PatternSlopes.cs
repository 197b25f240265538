using NetSym.LinearAlgebra;
using NetSym.Networks;

namespace NetSym.Identifiability;

/// <summary>
/// The slopes ρ′ that a certified <see cref="ActivationPattern"/> selects: for every layer an n × N_l
/// matrix of the exact slope of each neuron's piece (for ReLU 0 or 1), as doubles (the slopes are
/// the activation's own doubles, so nothing is rounded).
/// </summary>
internal static class PatternSlopes
{
    /// <summary>One matrix per layer, output layer included.</summary>
    public static Matrix[] Of(Network network, ActivationPattern pattern)
    {
        var slopes = new Matrix[network.Layers.Count];
        for (int l = 0; l < slopes.Length; l++)
        {
            var bySlope = ExactPieces.Of(network.Layers[l].Activation).Slopes.Select(s => s.ToDouble()).ToArray();
            var pieces = pattern.LayerPieces(l);
            var matrix = new Matrix(pattern.SampleCount, network.Layers[l].OutputSize);
            for (int k = 0; k < pieces.Length; k++) matrix.Data[k] = bySlope[pieces[k]];
            slopes[l] = matrix;
        }
        return slopes;
    }

    /// <summary>For every output o, the samples at which the output neuron's slope is non-zero (all of them for an identity output).</summary>
    public static int[][] LiveRows(Matrix outputSlopes)
    {
        var rows = new int[outputSlopes.Columns][];
        for (int o = 0; o < rows.Length; o++)
            rows[o] = [.. Enumerable.Range(0, outputSlopes.Rows).Where(i => outputSlopes[i, o] != 0)];
        return rows;
    }
}
