using NetSym.LinearAlgebra;
using NetSym.Networks;

namespace NetSym.Canonical;

/// <summary>
/// The loss along the straight line θ(α) = (1 − α)·θ_A + α·θ_B between two networks of one architecture,
/// and its barrier: how far the loss rises above the line between its end values (Frankle et al. 2020,
/// "linear mode connectivity"; Ainsworth et al. 2023, Git Re-Basin, compare it before and after alignment).
/// </summary>
/// <remarks>
/// With targets Y the loss is the mean squared error over every output of every input. Without targets it
/// is the mean squared distance of f_{θ(α)}(X) from (1 − α)·f_A(X) + α·f_B(X): 0 at both ends, and 0 all
/// along for an affine network, so it measures how non-linearly the function changes along the path.
/// </remarks>
public static class InterpolationPath
{
    /// <summary>
    /// Evaluates the path at <paramref name="steps"/> equally spaced α from 0 to 1 on <paramref name="inputs"/>
    /// (float64 on <paramref name="backend"/>).
    /// </summary>
    /// <exception cref="ArgumentException">The networks differ in architecture, the inputs or targets do not fit, or fewer than 2 steps.</exception>
    public static InterpolationPathResult Compute(Network a, Network b, Matrix inputs, Matrix? targets, int steps, LinearAlgebraBackend backend)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(backend);
        if (steps < 2) throw new ArgumentException($"the path needs at least 2 steps, got {steps}", nameof(steps));
        bool sameShape = a.Architecture == b.Architecture && a.Layers.Count == b.Layers.Count
            && a.Layers.Zip(b.Layers).All(p => p.First.Activation.Equals(p.Second.Activation) && p.First.Sources.SequenceEqual(p.Second.Sources) && p.First.Mask.SequenceEqual(p.Second.Mask));
        if (!sameShape)
            throw new ArgumentException($"the networks differ in architecture, activations or connectivity ({a.Architecture} and {b.Architecture}): no straight path between their parameters");
        if (inputs.Columns != a.InputSize)
            throw new ArgumentException($"the inputs have {inputs.Columns} columns, the networks {a.InputSize} inputs");
        if (targets is not null && (targets.Rows != inputs.Rows || targets.Columns != a.OutputSize))
            throw new ArgumentException($"the targets are {targets.Rows}×{targets.Columns}, expected {inputs.Rows}×{a.OutputSize} (one row per input, one column per output)");

        double[] ta = a.GetParameters(), tb = b.GetParameters();
        var fa = Forward.Evaluate(a, inputs, backend).Data;
        var fb = Forward.Evaluate(b, inputs, backend).Data;
        var alphas = new double[steps];
        var losses = new double[steps];
        var theta = new double[ta.Length];
        for (int k = 0; k < steps; k++)
        {
            double alpha = (double)k / (steps - 1);
            alphas[k] = alpha;
            for (int i = 0; i < theta.Length; i++) theta[i] = (1 - alpha) * ta[i] + alpha * tb[i];
            var f = k == 0 ? fa : k == steps - 1 ? fb : Forward.Evaluate(a.WithParameters(theta), inputs, backend).Data;
            double sum = 0;
            for (int i = 0; i < f.Length; i++)
            {
                double reference = targets is not null ? targets.Data[i] : (1 - alpha) * fa[i] + alpha * fb[i];
                double d = f[i] - reference;
                sum += d * d;
            }
            losses[k] = sum / f.Length;
        }
        return new InterpolationPathResult(alphas, losses, targets is not null);
    }
}
