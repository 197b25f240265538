using System.Numerics.Tensors;
using NetSym.LinearAlgebra;
using NetSym.Networks;

namespace NetSym.Extraction;

/// <summary>
/// The hidden layers recovered so far, each unit a <see cref="Hyperplane"/> over the previous layer's
/// output (the input for layer 1): z_k = W_k·h_{k−1} + b_k, h_k = ReLU(z_k). The last layer's units may
/// still be oriented arbitrarily (their signs come from the layer after it). Evaluating it costs no query.
/// </summary>
internal sealed class NetworkPrefix
{
    private readonly Hyperplane[][] _layers;

    /// <summary>A prefix of <paramref name="layers"/> (possibly none) over inputs of size <paramref name="inputSize"/>.</summary>
    public NetworkPrefix(int inputSize, IEnumerable<Hyperplane[]> layers)
    {
        InputSize = inputSize;
        _layers = [.. layers];
    }

    /// <summary>Number of inputs d.</summary>
    public int InputSize { get; }

    /// <summary>Number of hidden layers held.</summary>
    public int Depth => _layers.Length;

    /// <summary>The units of hidden layer <paramref name="layer"/> (from 0).</summary>
    public IReadOnlyList<Hyperplane> Layer(int layer) => _layers[layer];

    /// <summary>The widths of the layers held.</summary>
    public int[] Widths => [.. _layers.Select(l => l.Length)];

    /// <summary>
    /// The size of the features φ that the next layer is affine in (<see cref="PrefixPoint.Features"/>):
    /// the input for an empty prefix, else the last layer's output followed by its own input (the skip that
    /// absorbs the last layer's unknown orientations).
    /// </summary>
    public int FeatureSize => Depth == 0 ? InputSize : _layers[^1].Length + (Depth >= 2 ? _layers[^2].Length : InputSize);

    /// <summary>This prefix with <paramref name="layer"/> appended.</summary>
    public NetworkPrefix Append(Hyperplane[] layer) => new(InputSize, [.. _layers, layer]);

    /// <summary>This prefix without its last layer.</summary>
    public NetworkPrefix WithoutLast() => new(InputSize, _layers[..^1]);

    /// <summary>This prefix with its last layer replaced by <paramref name="layer"/>.</summary>
    public NetworkPrefix ReplaceLast(Hyperplane[] layer) => new(InputSize, [.. _layers[..^1], layer]);

    /// <summary>Every pre-activation and its gradient at <paramref name="x"/>, and the features there.</summary>
    public PrefixPoint At(ReadOnlySpan<double> x)
    {
        int d = InputSize;
        var z = new double[Depth][];
        var gradients = new double[Depth][][];
        double[] h = x.ToArray(), previous = h;
        // The input's gradients are the identity, never stored: layer 1's gradients are its normals.
        double[][]? hGradients = null, previousGradients = null;
        for (int l = 0; l < Depth; l++)
        {
            var units = _layers[l];
            z[l] = new double[units.Length];
            gradients[l] = new double[units.Length][];
            for (int j = 0; j < units.Length; j++)
            {
                z[l][j] = units[j].Value(h);
                var w = units[j].Normal;
                if (hGradients is null)
                {
                    gradients[l][j] = (double[])w.Clone();
                    continue;
                }
                var g = new double[d];
                // Rows of units off here are zero: about half of them skipped.
                for (int r = 0; r < w.Length; r++)
                    if (w[r] != 0 && z[l - 1][r] > 0) TensorPrimitives.MultiplyAdd(hGradients[r], w[r], g, g);
                gradients[l][j] = g;
            }
            (previous, previousGradients) = (h, hGradients);
            h = [.. z[l].Select(v => Math.Max(0, v))];
            hGradients = [.. gradients[l].Select((g, j) => z[l][j] > 0 ? g : new double[d])];
        }
        double[] features = Depth == 0 ? h : [.. h, .. previous];
        var jacobian = Depth switch
        {
            0 => new FeatureJacobian([], d, inputTail: true),
            1 => new FeatureJacobian(hGradients!, d, inputTail: true),
            _ => new FeatureJacobian([.. hGradients!, .. previousGradients!], d, inputTail: false),
        };
        return new PrefixPoint(x.ToArray(), z, gradients, features, jacobian);
    }

    /// <summary>
    /// <see cref="OntoSurface"/> for a surface beyond the start's activation region: the point walks along
    /// the ray −sign(z)·∇z of the start, region after region (inside each z is affine along it, so where it
    /// reaches 0 is exact), until z changes sign; that point and the unit gradient of z in the region it lies
    /// in. A fixed ray cannot be held on a ridge of z as a walk down the gradient of each region can. Null
    /// when z does not reach 0 within <paramref name="regions"/> regions or is constant at the start.
    /// <paramref name="unit"/>: z and its gradient at a point.
    /// </summary>
    public (double[] Point, double[] Direction)? WalkOntoSurface(double[] start, Func<PrefixPoint, (double Value, double[] Gradient)> unit, int regions)
    {
        var at = At(start);
        var (startValue, startGradient) = unit(at);
        double startNorm = Math.Sqrt(PrefixPoint.Dot(startGradient, startGradient));
        if (!(startNorm > 0)) return null;
        var ray = startGradient.Select(g => -Math.Sign(startValue) * g / startNorm).ToArray();
        var x = start.ToArray();
        for (int region = 0; region < regions; region++)
        {
            var (value, gradient) = unit(at);
            // The zero lay in the sliver stepped over into this region.
            if (Math.Sign(value) != Math.Sign(startValue)) return null;
            double rate = PrefixPoint.Dot(gradient, ray), exit = at.Exit(ray), zero = -value / rate;
            // A unit constant in the region (rate 0) never reaches its zero there, however far the region reaches.
            if (zero > 0 && zero <= exit && double.IsFinite(zero))
            {
                var point = new double[x.Length];
                for (int i = 0; i < x.Length; i++) point[i] = x[i] + zero * ray[i];
                double norm = Math.Sqrt(PrefixPoint.Dot(gradient, gradient));
                return (point, [.. gradient.Select(g => g / norm)]);
            }
            if (double.IsPositiveInfinity(exit)) return null;
            // Into the next region, clear of the boundary: a point on it to rounding has it skipped by Exit.
            double step = exit + Math.Max(1e-6 * exit, 1e-8 * Math.Sqrt(PrefixPoint.Dot(x, x)));
            for (int i = 0; i < x.Length; i++) x[i] += step * ray[i];
            at = At(x);
        }
        return null;
    }

    /// <summary>
    /// The point where <paramref name="start"/> reaches the zero set of a pre-activation z (its
    /// <paramref name="value"/> and <paramref name="gradient"/> there) along the gradient, and that unit
    /// direction; null when the move would leave the start's activation region, where z is affine and the
    /// move exact, or z is constant there.
    /// </summary>
    public static (double[] Point, double[] Direction)? OntoSurface(PrefixPoint start, double value, double[] gradient)
    {
        double norm = Math.Sqrt(PrefixPoint.Dot(gradient, gradient));
        if (!(norm > 0)) return null;
        var direction = gradient.Select(g => g / norm).ToArray();
        double move = -value / norm;
        if (move > 0 ? start.Exit(direction) <= move : start.Exit(direction.Select(g => -g).ToArray()) <= -move) return null;
        var point = new double[direction.Length];
        for (int i = 0; i < point.Length; i++) point[i] = start.X[i] + move * direction[i];
        return (point, direction);
    }

    /// <summary>
    /// The parameters t ∈ [−<paramref name="reach"/>, <paramref name="reach"/>] where <paramref name="line"/>
    /// crosses a boundary of the prefix, ascending: a walk from region to region, each exit computed
    /// exactly from the affine pre-activations inside the region.
    /// </summary>
    public List<double> Crossings(SearchLine line, double reach)
    {
        var crossings = new List<double>();
        double t = -reach;
        while (true)
        {
            double step = At(line.At(t)).Exit(line.Direction);
            if (!(t + step <= reach)) return crossings;
            t += step;
            crossings.Add(t);
        }
    }

    /// <summary>
    /// The network of these layers (every orientation final) followed by the affine output
    /// y = <paramref name="weights"/>·h + <paramref name="bias"/>, weights m × n (row-major).
    /// </summary>
    public Network ToNetwork(Matrix weights, double[] bias) =>
        Network.Sequential(InputSize, [
            .. _layers.Select(l => (Rows(l), l.Select(u => u.Bias).ToArray(), (Activation)new ReluActivation())),
            (weights.Data.ToArray(), bias, new IdentityActivation()),
        ]);

    /// <summary>The network whose outputs are the pre-activations of the last layer held (its units up to orientation when its signs are unknown); null for an empty prefix.</summary>
    public Network? ToPreActivations()
    {
        if (Depth == 0) return null;
        return Network.Sequential(InputSize, [
            .. _layers[..^1].Select(l => (Rows(l), l.Select(u => u.Bias).ToArray(), (Activation)new ReluActivation())),
            (Rows(_layers[^1]), _layers[^1].Select(u => u.Bias).ToArray(), new IdentityActivation()),
        ]);
    }

    private static double[] Rows(Hyperplane[] layer) => [.. layer.SelectMany(u => u.Normal)];
}
