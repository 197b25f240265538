using System.Globalization;
using NetSym.LinearAlgebra;
using NetSym.Networks;
using NetSym.Reduction;

namespace NetSym.Identifiability;

/// <summary>
/// Checks, independently of how a network was found, whether it realises the zero function and has
/// no internal symmetry: its outputs on a dense grid and along rays into the tails (exactly, in
/// dyadic arithmetic, when every activation is piecewise linear), and the reducer's verdict.
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
        if (network.OutputSize != 1 || network.InputSize > 2)
            throw new ArgumentException($"the zero-function check takes one output and at most two inputs, got {network.InputSize} → {network.OutputSize}");
        var (points, description) = CheckPoints(network.InputSize, options);
        var trace = Forward.Trace(network, points, backend);
        var output = network.Layers[^1];
        double maxAbs = 0, maxRelative = 0;
        for (int i = 0; i < points.Rows; i++)
        {
            double f = trace.Outputs[i, 0];
            // The terms that cancel: u_j·y_j over every node the output layer reads, and the bias.
            double terms = Math.Abs(output.Bias[0]);
            int column = 0;
            foreach (int source in output.Sources)
            {
                var node = trace.Nodes[source];
                for (int j = 0; j < node.Columns; j++, column++)
                    terms += Math.Abs(output.Weight(0, column) * node[i, j]);
            }
            maxAbs = Math.Max(maxAbs, Math.Abs(f));
            // f ≠ 0 with nothing to cancel (all terms 0) is a residual of 1, as bad as it gets.
            double relative = f == 0 ? 0 : terms == 0 ? 1 : Math.Abs(f) / terms;
            if (double.IsNaN(relative)) relative = double.PositiveInfinity;
            maxRelative = Math.Max(maxRelative, relative);
        }
        bool? exact = network.Layers.All(l => l.Activation.IsPiecewiseLinear) ? ExactlyZero(network, points) : null;
        var reduction = Reducer.Reduce(network, tolerance: options.TwinTolerance);
        return new ZeroFunctionVerification(points.Rows, description, maxAbs, maxRelative, exact, reduction, options.Tolerance);
    }

    private static bool ExactlyZero(Network network, Matrix points)
    {
        var exact = new ExactEvaluation(network);
        for (int i = 0; i < points.Rows; i++)
            if (exact.Trace(points.Row(i)).Outputs[0].Sign != 0) return false;
        return true;
    }

    // The dense grid of the box [−R, R]^d and rays from 0 in 2 (d = 1) or 24 (d = 2) directions out to 10^6.
    private static (Matrix Points, string Description) CheckPoints(int inputs, ZeroSearchOptions options)
    {
        double r = options.GridRadius;
        var rows = new List<double[]>();
        string grid;
        if (inputs == 1)
        {
            int n = options.GridPoints;
            for (int i = 0; i < n; i++) rows.Add([-r + 2 * r * i / (n - 1)]);
            foreach (double t in TailRadii) { rows.Add([t]); rows.Add([-t]); }
            grid = F($"{n} equally spaced points of [−{r:G6}, {r:G6}] and ±10^k for k = 1, 1.5, …, 6");
        }
        else
        {
            int n = Math.Max(3, (int)Math.Sqrt(options.GridPoints));
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++)
                    rows.Add([-r + 2 * r * i / (n - 1), -r + 2 * r * j / (n - 1)]);
            for (int k = 0; k < TailDirections; k++)
            {
                double angle = 2 * Math.PI * (k + 0.5) / TailDirections;
                foreach (double t in TailRadii) rows.Add([t * Math.Cos(angle), t * Math.Sin(angle)]);
            }
            grid = F($"a {n}×{n} grid of [−{r:G6}, {r:G6}]² and {TailDirections} rays at 10^k for k = 1, 1.5, …, 6");
        }
        return (Matrix.FromRows(rows), grid);
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
