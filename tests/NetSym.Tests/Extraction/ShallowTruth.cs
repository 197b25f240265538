using NetSym.LinearAlgebra;
using NetSym.Networks;
using NetSym.Randomness;

namespace NetSym.Tests.Extraction;

/// <summary>
/// Ground-truth one-hidden-layer ReLU networks for the extraction tests: weights N(0,1)/√fan_in and
/// each unit's bias chosen so that its hyperplane passes through a standard normal point, so no unit
/// is dead or always on where the inputs are drawn.
/// </summary>
internal static class ShallowTruth
{
    public static Network Create(int inputs, int hidden, int outputs, long seed)
    {
        var random = RandomKey.FromSeed(seed).Split("shallow truth").Stream();
        var w = new double[hidden * inputs];
        var b = new double[hidden];
        for (int j = 0; j < hidden; j++)
        {
            double through = 0;
            for (int i = 0; i < inputs; i++)
            {
                w[j * inputs + i] = random.NextNormal() / Math.Sqrt(inputs);
                through += w[j * inputs + i] * random.NextNormal();
            }
            b[j] = -through;
        }
        var v = new double[outputs * hidden];
        for (int k = 0; k < v.Length; k++) v[k] = random.NextNormal() / Math.Sqrt(hidden);
        var c = new double[outputs];
        for (int k = 0; k < outputs; k++) c[k] = 0.1 * random.NextNormal();
        return new Network(inputs, [
            new Layer(inputs, hidden, w, b, new ReluActivation(), [0]),
            new Layer(hidden, outputs, v, c, new IdentityActivation(), [1]),
        ]);
    }

    /// <summary>
    /// <paramref name="network"/> with extra hidden units that change nothing a query can see: a dead
    /// unit (w = 0, b = −1), a unit with zero output weights, and a positive-multiple twin (2·w, 2·b)
    /// of unit 0 that takes half of its output weights.
    /// </summary>
    public static Network WithInvisibleUnits(Network network)
    {
        var hidden = network.Layers[0];
        var output = network.Layers[1];
        int d = hidden.InputSize, n = hidden.OutputSize, m = output.OutputSize, wider = n + 3;
        var w = new double[wider * d];
        hidden.Weights.CopyTo(w);
        var b = new double[wider];
        hidden.Bias.CopyTo(b);
        // Unit n: dead. Unit n + 1: some row, zero output. Unit n + 2: twin of unit 0.
        b[n] = -1;
        for (int i = 0; i < d; i++) w[(n + 1) * d + i] = hidden.Weights[(n - 1) * d + i] + 0.5;
        b[n + 1] = 0.3;
        for (int i = 0; i < d; i++) w[(n + 2) * d + i] = 2 * hidden.Weights[i];
        b[n + 2] = 2 * hidden.Bias[0];
        var v = new double[m * wider];
        for (int k = 0; k < m; k++)
        {
            for (int j = 0; j < n; j++) v[k * wider + j] = output.Weights[k * n + j];
            v[k * wider] /= 2;
            v[k * wider + n] = 1.5;
            v[k * wider + n + 2] = output.Weights[k * n] / 4;
        }
        return new Network(d, [
            new Layer(d, wider, w, b, new ReluActivation(), [0]),
            new Layer(wider, m, v, output.Bias, new IdentityActivation(), [1]),
        ]);
    }

    /// <summary>Max |f − f̂| / max |f| over <paramref name="count"/> standard normal inputs.</summary>
    public static double MaxRelativeError(Network truth, Network recovered, int count, long seed) =>
        MaxRelativeError(truth, recovered, OracleTestData.Normal(RandomKey.FromSeed(seed).Split("check").Stream(), count, truth.InputSize));

    /// <summary>Max |f − f̂| / max |f| over <paramref name="inputs"/>.</summary>
    public static double MaxRelativeError(Network truth, Network recovered, Matrix inputs)
    {
        var a = Forward.Evaluate(truth, inputs, LinearAlgebraBackends.Default);
        var b = Forward.Evaluate(recovered, inputs, LinearAlgebraBackends.Default);
        double error = 0, magnitude = 0;
        for (int k = 0; k < a.Data.Length; k++)
        {
            error = Math.Max(error, Math.Abs(a.Data[k] - b.Data[k]));
            magnitude = Math.Max(magnitude, Math.Abs(a.Data[k]));
        }
        return error / magnitude;
    }
}
