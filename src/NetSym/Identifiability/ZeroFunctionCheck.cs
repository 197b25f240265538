using System.Globalization;
using NetSym.LinearAlgebra;
using NetSym.Networks;
using NetSym.Reduction;

namespace NetSym.Identifiability;

/// <summary>
/// Checks, independently of how a network was found, whether it realises the zero function and has
/// no internal symmetry: its outputs on a dense grid and along rays into the tails (exactly, in
/// dyadic arithmetic, when every activation is piecewise linear), the reducer's verdict, and margins
/// against the near-degeneracies the reducer does not see (nearly constant neurons, smooth neurons
/// seen over a narrow range of pre-activations, neurons that stay in one linear piece).
/// </summary>
public static class ZeroFunctionCheck
{
    // Tail radii 10^1, 10^1.5, …, 10^6: far enough that every catalog activation is in its asymptotic regime.
    private static readonly double[] TailRadii = [.. Enumerable.Range(2, 11).Select(k => Math.Pow(10, k / 2.0))];
    private const int TailDirections = 24;

    /// <summary>Verifies <paramref name="network"/> (one or two inputs, one output) against the zero function.</summary>
    /// <exception cref="ArgumentException">The network has more than one output or more than two inputs.</exception>
    public static ZeroFunctionVerification Verify(Network network, ZeroSearchOptions options, LinearAlgebraBackend backend)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(backend);
        network.RequireDenseLayers("the zero-function check");
        if (network.OutputSize != 1 || network.InputSize > 2)
            throw new ArgumentException($"the zero-function check takes one output and at most two inputs, got {network.InputSize} → {network.OutputSize}");
        var (points, gridCount, description) = CheckPoints(network.InputSize, options);
        var trace = Forward.Trace(network, points, backend);
        var terms = Terms(network, trace);
        // Where every term is about 0 (dead neurons, a tiny bias) the pointwise ratio means nothing:
        // the typical size of the terms on the dense grid is added to each denominator.
        double typical = terms.Take(gridCount).Average();
        double maxAbs = 0, maxRelative = 0;
        for (int i = 0; i < points.Rows; i++)
        {
            double f = Math.Abs(trace.Outputs[i, 0]);
            maxAbs = Math.Max(maxAbs, f);
            double relative = f == 0 ? 0 : terms[i] + typical == 0 ? double.PositiveInfinity : f / (terms[i] + typical);
            maxRelative = Math.Max(maxRelative, double.IsNaN(relative) ? double.PositiveInfinity : relative);
        }
        bool? exact = network.Layers.All(l => l.Activation.IsPiecewiseLinear) ? ExactlyZero(network, points) : null;
        var reduction = Reducer.Reduce(network, tolerance: options.TwinTolerance);
        return new ZeroFunctionVerification(points.Rows, description, maxAbs, maxRelative, exact, reduction,
            NearlyConstant(trace, options.TwinTolerance), Narrow(trace, options.MinPreActivationRange), OnePiece(trace), options.Tolerance);
    }

    // Per point, the size of the terms that cancel: Σ |u_j·y_j| over every node the output layer reads, plus |c|.
    private static double[] Terms(Network network, ForwardTrace trace)
    {
        var output = network.Layers[^1];
        var terms = new double[trace.BatchSize];
        for (int i = 0; i < terms.Length; i++)
        {
            terms[i] = Math.Abs(output.Bias[0]);
            int column = 0;
            foreach (int source in output.Sources)
            {
                var node = trace.Nodes[source];
                for (int j = 0; j < node.Columns; j++, column++)
                    terms[i] += Math.Abs(output.Weight(0, column) * node[i, j]);
            }
        }
        return terms;
    }

    private static bool ExactlyZero(Network network, Matrix points)
    {
        var exact = new ExactEvaluation(network);
        for (int i = 0; i < points.Rows; i++)
            if (exact.Trace(points.Row(i)).Outputs[0].Sign != 0) return false;
        return true;
    }

    private static List<Neuron> NearlyConstant(ForwardTrace trace, double margin)
    {
        var found = new List<Neuron>();
        for (int l = 0; l < trace.Network.Layers.Count - 1; l++)
        {
            // Node l + 1 is layer l's output.
            var y = trace.Nodes[l + 1];
            for (int j = 0; j < y.Columns; j++)
            {
                double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
                for (int i = 0; i < y.Rows; i++) (lo, hi) = (Math.Min(lo, y[i, j]), Math.Max(hi, y[i, j]));
                if (hi - lo < margin * Math.Max(1, Math.Max(Math.Abs(lo), Math.Abs(hi)))) found.Add(new Neuron(l, j));
            }
        }
        return found;
    }

    // Hidden neurons of a smooth ρ whose pre-activation range over the check points is below minRange.
    private static List<Neuron> Narrow(ForwardTrace trace, double minRange)
    {
        var found = new List<Neuron>();
        for (int l = 0; l < trace.Network.Layers.Count - 1; l++)
        {
            if (trace.Network.Layers[l].Activation.IsPiecewiseLinear) continue;
            var z = trace.PreActivations[l];
            for (int j = 0; j < z.Columns; j++)
            {
                double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
                for (int i = 0; i < z.Rows; i++) (lo, hi) = (Math.Min(lo, z[i, j]), Math.Max(hi, z[i, j]));
                if (!(hi - lo >= minRange)) found.Add(new Neuron(l, j));
            }
        }
        return found;
    }

    private static List<Neuron> OnePiece(ForwardTrace trace)
    {
        var found = new List<Neuron>();
        for (int l = 0; l < trace.Network.Layers.Count - 1; l++)
        {
            // As the reducer's on-domain rules: a globally affine ρ gains nothing from being affine on a piece.
            if (trace.Network.Layers[l].Activation.Pieces is not { } pieces || pieces.Slopes.Distinct().Count() == 1) continue;
            var z = trace.PreActivations[l];
            for (int j = 0; j < z.Columns; j++)
            {
                int piece = -1;
                bool one = true;
                for (int i = 0; i < z.Rows && one; i++)
                {
                    int p = pieces.Breakpoints.Count(t => t < z[i, j]);
                    one = piece < 0 || p == piece;
                    piece = p;
                }
                if (one) found.Add(new Neuron(l, j));
            }
        }
        return found;
    }

    // The dense grid of the box [−R, R]^d (first, gridCount points) and rays from 0 in 2 (d = 1) or 24 (d = 2) directions out to 10^6.
    private static (Matrix Points, int GridCount, string Description) CheckPoints(int inputs, ZeroSearchOptions options)
    {
        double r = options.GridRadius;
        var rows = new List<double[]>();
        string grid;
        int gridCount;
        if (inputs == 1)
        {
            int n = options.GridPoints;
            for (int i = 0; i < n; i++) rows.Add([-r + 2 * r * i / (n - 1)]);
            gridCount = rows.Count;
            foreach (double t in TailRadii) { rows.Add([t]); rows.Add([-t]); }
            grid = F($"{n} equally spaced points of [−{r:G6}, {r:G6}] and ±10^k for k = 1, 1.5, …, 6");
        }
        else
        {
            int n = Math.Max(3, (int)Math.Sqrt(options.GridPoints));
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++)
                    rows.Add([-r + 2 * r * i / (n - 1), -r + 2 * r * j / (n - 1)]);
            gridCount = rows.Count;
            for (int k = 0; k < TailDirections; k++)
            {
                double angle = 2 * Math.PI * (k + 0.5) / TailDirections;
                foreach (double t in TailRadii) rows.Add([t * Math.Cos(angle), t * Math.Sin(angle)]);
            }
            grid = F($"a {n}×{n} grid of [−{r:G6}, {r:G6}]² and {TailDirections} rays at 10^k for k = 1, 1.5, …, 6");
        }
        return (Matrix.FromRows(rows), gridCount, grid);
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
