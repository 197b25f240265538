using NetSym.LinearAlgebra;
using NetSym.Networks;

namespace NetSym.Identifiability;

/// <summary>
/// Levenberg–Marquardt on the outputs of a network at fixed sample inputs, driving them to 0 with
/// the output weights held at unit norm: f is linear in the output layer (u, c), so without the
/// normalisation u = 0 would be the trivial answer. The norm is a residual κ·(‖u‖² − 1) in the
/// least-squares problem and is restored exactly after each accepted step.
/// </summary>
internal static class ZeroResidualMinimizer
{
    private const double NormWeight = 1;
    private const double StopBelow = 1e-15;

    /// <summary>Minimises from <paramref name="start"/>; returns the network reached and its RMS output on the samples.</summary>
    public static (Network Network, double SampleResidual) Minimize(Network start, Matrix samples, int iterations, LinearAlgebraBackend backend)
    {
        var network = Normalized(start);
        var theta = network.GetParameters();
        double cost = Cost(network, samples, backend, out _);
        double mu = 1e-3;
        int p = theta.Length;
        var (offset, width) = OutputWeights(network);
        for (int it = 0; it < iterations && Math.Sqrt(cost / samples.Rows) > StopBelow; it++)
        {
            Cost(network, samples, backend, out double[] r);
            var jacobian = ParameterJacobian.Compute(network, samples, backend);
            var a = new double[p * p];
            var g = new double[p];
            for (int i = 0; i < samples.Rows; i++)
            {
                var row = jacobian.Row(i);
                for (int k = 0; k < p; k++)
                {
                    if (row[k] == 0) continue;
                    g[k] += row[k] * r[i];
                    for (int m = 0; m < p; m++) a[k * p + m] += row[k] * row[m];
                }
            }
            // The norm residual n = κ(‖u‖² − 1) has gradient 2κu on the output weights; at a normalised point n = 0.
            for (int k = 0; k < width; k++)
                for (int m = 0; m < width; m++)
                    a[(offset + k) * p + offset + m] += 4 * NormWeight * NormWeight * theta[offset + k] * theta[offset + m];

            bool accepted = false;
            for (int attempt = 0; attempt < 12 && !accepted; attempt++)
            {
                var step = SolveDamped(a, g, p, mu);
                if (step is not null)
                {
                    var trial = new double[p];
                    for (int k = 0; k < p; k++) trial[k] = theta[k] - step[k];
                    if (trial.All(double.IsFinite))
                    {
                        var candidate = Normalized(network.WithParameters(trial));
                        double trialCost = Cost(candidate, samples, backend, out _);
                        if (trialCost < cost)
                        {
                            (network, cost, theta) = (candidate, trialCost, candidate.GetParameters());
                            mu = Math.Max(mu / 3, 1e-15);
                            accepted = true;
                            continue;
                        }
                    }
                }
                mu *= 4;
            }
            if (!accepted) break;
        }
        return (network, Math.Sqrt(cost / samples.Rows));
    }

    private static double Cost(Network network, Matrix samples, LinearAlgebraBackend backend, out double[] residual)
    {
        var outputs = Forward.Evaluate(network, samples, backend);
        residual = outputs.Data;
        double sum = 0;
        foreach (double v in residual) sum += v * v;
        return double.IsFinite(sum) ? sum : double.PositiveInfinity;
    }

    // Offset and count of the output layer's weights in the parameter vector.
    private static (int Offset, int Width) OutputWeights(Network network)
    {
        var last = network.Layers[^1];
        return (network.ParameterOffset(network.Layers.Count - 1), last.InputSize);
    }

    // Scales the output layer (u, c) to ‖u‖₂ = 1, which leaves whether f = 0 unchanged.
    private static Network Normalized(Network network)
    {
        var last = network.Layers[^1];
        double norm = 0;
        foreach (double u in last.Weights) norm += u * u;
        norm = Math.Sqrt(norm);
        if (!(norm > 0) || !double.IsFinite(norm)) return network;
        var weights = last.Weights.ToArray().Select(u => u / norm).ToArray();
        var bias = last.Bias.ToArray().Select(c => c / norm).ToArray();
        return network.WithLayer(network.Layers.Count - 1, last.With(weights, bias));
    }

    // (A + μ·(diag A + 1)) δ = g by Cholesky; null when the damped matrix is not positive definite in floating point.
    // P is at most a few dozen here, so a dense factorisation in managed code is the whole cost of a step.
    private static double[]? SolveDamped(double[] a, double[] g, int p, double mu)
    {
        var l = new double[p * p];
        for (int i = 0; i < p; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                double sum = a[i * p + j] + (i == j ? mu * (a[i * p + i] + 1) : 0);
                for (int k = 0; k < j; k++) sum -= l[i * p + k] * l[j * p + k];
                if (i == j)
                {
                    if (!(sum > 0)) return null;
                    l[i * p + i] = Math.Sqrt(sum);
                }
                else l[i * p + j] = sum / l[j * p + j];
            }
        }
        var y = new double[p];
        for (int i = 0; i < p; i++)
        {
            double sum = g[i];
            for (int k = 0; k < i; k++) sum -= l[i * p + k] * y[k];
            y[i] = sum / l[i * p + i];
        }
        for (int i = p - 1; i >= 0; i--)
        {
            double sum = y[i];
            for (int k = i + 1; k < p; k++) sum -= l[k * p + i] * y[k];
            y[i] = sum / l[i * p + i];
        }
        return y;
    }
}
