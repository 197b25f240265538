using System.Numerics.Tensors;
using NetSym.LinearAlgebra;
using NetSym.Networks;
using NetSym.Symmetries;

namespace NetSym.Canonical;

/// <summary>
/// One step of alignment: the permutation of one hidden layer of a network B (already normalised, earlier steps
/// applied) and per neuron a residual discrete symmetry that bring its neurons closest to those of the normalised
/// target A, by linear assignment within each interchangeable class.
/// </summary>
/// <remarks>
/// The cost of placing B's neuron j at A's neuron i is min over the residual symmetries r = (a, b, c, d) of
/// ‖x_i − r(y_j)‖² (incoming weights and bias: r maps (w, β) to (a·w, a·β + b)) plus, with outgoing weights,
/// ‖p_i − q_j / c‖² (columns of every consuming layer; the bias shift −u·d/c that r causes downstream couples
/// neurons and is left out of the cost, so it only guides the search, while the caller measures true distances).
/// The residual symmetries are those normalisation leaves: the identity, the activation's discrete elements and,
/// for an affine family, the sign flip. Normalisation picks a sign by a rule that noise can tip when two
/// incoming weights have nearly equal magnitudes; pricing the flip makes the matching indifferent to that.
/// All inner products come from one GEMM per side: ‖x − r(y)‖² = ‖x‖² + a²‖y‖² + 2ab·y_β + b² − 2a⟨x, y⟩ − 2b·x_β.
/// </remarks>
internal sealed class AlignmentLayerMatcher(Network target, SymmetryGroup group, LinearAlgebraBackend backend)
{

    /// <summary>
    /// The element (acting on hidden layer <paramref name="layer"/> only) that best matches that layer of
    /// <paramref name="current"/> to the target, or null when leaving it as it is costs no more (to 1e-12 relative).
    /// </summary>
    public GroupElement? Match(Network current, int layer, bool withOutgoing)
    {
        int n = target.Layers[layer].OutputSize;
        var residual = target.Layers[layer].Activation.Symmetries.Residual;

        var (xa, dIn) = Incoming(target, layer);
        var (xb, _) = Incoming(current, layer);
        var inner = Gram(xa, xb, n, dIn);
        var squaredA = SquaredRowNorms(xa, n, dIn);
        var squaredB = SquaredRowNorms(xb, n, dIn);
        double scale = squaredA.Sum() + squaredB.Sum();

        double[]? outer = null, outSquaredA = null, outSquaredB = null;
        if (withOutgoing && Outgoing(target, layer) is var (pa, dOut) && dOut > 0)
        {
            var (pb, _) = Outgoing(current, layer);
            outer = Gram(pa, pb, n, dOut);
            outSquaredA = SquaredRowNorms(pa, n, dOut);
            outSquaredB = SquaredRowNorms(pb, n, dOut);
            scale += outSquaredA.Sum() + outSquaredB.Sum();
        }

        double PairCost(int i, int j, AffineSymmetry r)
        {
            int ij = i * n + j;
            double biasA = xa[i * dIn + dIn - 1], biasB = xb[j * dIn + dIn - 1];
            double cost = squaredA[i] + r.A * r.A * squaredB[j] + 2 * r.A * r.B * biasB + r.B * r.B
                - 2 * r.A * inner[ij] - 2 * r.B * biasA;
            if (outer is not null) cost += outSquaredA![i] + outSquaredB![j] / (r.C * r.C) - 2 * outer[ij] / r.C;
            return cost;
        }

        var cost = new double[n * n];
        var choice = new int[n * n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                double best = PairCost(i, j, residual[0]);
                for (int k = 1; k < residual.Count; k++)
                {
                    double c = PairCost(i, j, residual[k]);
                    if (c < best) { best = c; choice[i * n + j] = k; }
                }
                cost[i * n + j] = best;
            }

        var (permutation, matched) = Assign(cost, n, group.Layers[layer].InterchangeableClasses);
        double stay = 0;
        for (int i = 0; i < n; i++) stay += PairCost(i, i, AffineSymmetry.Identity);
        if (stay - matched <= 1e-12 * scale) return null;

        var symmetries = new AffineSymmetry[n];
        for (int i = 0; i < n; i++) symmetries[permutation[i]] = residual[choice[i * n + permutation[i]]];
        var widths = group.HiddenWidths;
        return new GroupElement(
            [.. widths.Select((w, l) => l == layer ? symmetries : Enumerable.Repeat(AffineSymmetry.Identity, w).ToArray())],
            [.. widths.Select((w, l) => l == layer ? permutation : Enumerable.Range(0, w).ToArray())]);
    }

    /// <summary>The cheapest permutation (position i takes neuron permutation[i]) that keeps every class in place, and its cost.</summary>
    private static (int[] Permutation, double Cost) Assign(double[] cost, int n, IReadOnlyList<int[]> classes)
    {
        var permutation = new int[n];
        double total = 0;
        foreach (var cls in classes)
        {
            int k = cls.Length;
            var sub = new double[k * k];
            for (int i = 0; i < k; i++)
                for (int j = 0; j < k; j++) sub[i * k + j] = cost[cls[i] * n + cls[j]];
            var solution = LinearAssignment.Solve(sub, k, k);
            for (int i = 0; i < k; i++) permutation[cls[i]] = cls[solution.RowToColumn[i]];
            total += solution.Cost;
        }
        return (permutation, total);
    }

    /// <summary>Row j: neuron j's incoming weights followed by its bias.</summary>
    private static (double[] Rows, int Length) Incoming(Network network, int l)
    {
        var layer = network.Layers[l];
        int fanIn = layer.InputSize, d = fanIn + 1;
        var rows = new double[layer.OutputSize * d];
        var w = layer.Weights;
        for (int j = 0; j < layer.OutputSize; j++)
        {
            w.Slice(j * fanIn, fanIn).CopyTo(rows.AsSpan(j * d, fanIn));
            rows[j * d + fanIn] = layer.Bias[j];
        }
        return (rows, d);
    }

    /// <summary>Row j: neuron j's outgoing weights, the matching column of every consuming layer in turn.</summary>
    private static (double[] Rows, int Length) Outgoing(Network network, int l)
    {
        var consumers = network.Graph.Readers(l + 1).ToList();
        int n = network.Layers[l].OutputSize;
        int d = consumers.Sum(c => network.Layers[c.Layer].OutputSize);
        var rows = new double[n * d];
        int start = 0;
        foreach (var (c, offset) in consumers)
        {
            var consumer = network.Layers[c];
            int cin = consumer.InputSize;
            var w = consumer.Weights;
            for (int r = 0; r < consumer.OutputSize; r++)
                for (int j = 0; j < n; j++) rows[j * d + start + r] = w[r * cin + offset + j];
            start += consumer.OutputSize;
        }
        return (rows, d);
    }

    /// <summary>G[i, j] = ⟨a_i, b_j⟩ for the rows of two n × d matrices.</summary>
    private double[] Gram(double[] a, double[] b, int n, int d)
    {
        var g = new double[n * n];
        backend.Gemm(false, true, n, n, d, 1.0, a, d, b, d, 0.0, g, n);
        return g;
    }

    private static double[] SquaredRowNorms(double[] rows, int n, int d) =>
        [.. Enumerable.Range(0, n).Select(i => TensorPrimitives.SumOfSquares<double>(rows.AsSpan(i * d, d)))];
}
