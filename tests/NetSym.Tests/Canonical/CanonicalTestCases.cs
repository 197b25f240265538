using CsCheck;
using NetSym.LinearAlgebra;
using NetSym.Networks;

namespace NetSym.Tests.Canonical;

/// <summary>Networks and assertions shared by the canonical-form, fingerprint and equivalence tests.</summary>
internal static class CanonicalTestCases
{
    public static TheoryData<string> Specs() => TestNetworks.AllActivationSpecs();

    /// <summary>A dense MLP, the skip-connected masked network, and a mixed one (tanh on its middle layer).</summary>
    public static IEnumerable<Network> Networks(Activation act, int seed) =>
    [
        TestNetworks.Dense("4-7-6-3", act, seed),
        TestNetworks.SkipMasked(act, seed + 1),
        new Network(4, TestNetworks.Dense("4-7-6-3", act, seed + 2).Layers.Select((l, i) => i == 1 ? l.With(new TanhActivation()) : l)),
    ];

    /// <summary>
    /// A random dense network: 1–5 inputs, 1–3 hidden layers of width 1–8, 1–3 outputs, any catalog
    /// activation. Identity layers with one input are left out: all their neurons normalise to the
    /// same row (w = 1, β = 0), twins that only reduction can make canonical.
    /// </summary>
    public static Gen<(Network Network, int Seed)> RandomNetwork { get; } =
        Gen.Select(Gen.Int[1, 5], Gen.Int[1, 8].Array[1, 3], Gen.Int[1, 3], Gen.Int[0, 12], Gen.Int[0, 1_000_000])
            .Where((input, hidden, _, act, _) => !TestNetworks.AllActivations().ElementAt(act).IsIdentity || (input > 1 && hidden[..^1].All(w => w > 1)))
            .Select((input, hidden, output, act, seed) =>
            {
                var activation = TestNetworks.AllActivations().ElementAt(act);
                string arch = string.Join("-", new[] { input }.Concat(hidden).Append(output));
                return (TestNetworks.Dense(arch, activation, seed), seed);
            });

    /// <summary>max over layers of max|Δθ| / max(1, max|θ|).</summary>
    public static double LayerDeviation(Network a, Network b)
    {
        Assert.Equal(a.Layers.Count, b.Layers.Count);
        double worst = 0;
        for (int l = 0; l < a.Layers.Count; l++)
        {
            var pa = a.Layers[l].Weights.ToArray().Concat(a.Layers[l].Bias.ToArray()).ToArray();
            var pb = b.Layers[l].Weights.ToArray().Concat(b.Layers[l].Bias.ToArray()).ToArray();
            Assert.Equal(pa.Length, pb.Length);
            double scale = Math.Max(1, pa.Concat(pb).DefaultIfEmpty().Max(Math.Abs)); // pooling and additions have no parameters
            for (int i = 0; i < pa.Length; i++) worst = Math.Max(worst, Math.Abs(pa[i] - pb[i]) / scale);
        }
        return worst;
    }

    public static void AssertSameParameters(Network a, Network b, double tolerance)
    {
        double d = LayerDeviation(a, b);
        Assert.True(d <= tolerance, $"parameters differ by {d:G3} (relative to each layer), more than {tolerance:G3}");
    }

    public static void AssertSameFunction(Network a, Network b, Matrix x, double tolerance)
    {
        var fa = Forward.Evaluate(a, x, LinearAlgebraBackends.Default); var fb = Forward.Evaluate(b, x, LinearAlgebraBackends.Default);
        double scale = fa.Data.Max(Math.Abs) + 1;
        for (int i = 0; i < fa.Data.Length; i++)
            Assert.True(Math.Abs(fa.Data[i] - fb.Data[i]) <= tolerance * scale, $"output {i}: {fa.Data[i]} vs {fb.Data[i]}");
    }

    /// <summary>The same network with parameter <paramref name="index"/> (documented order) moved by <paramref name="delta"/>.</summary>
    public static Network Perturb(Network net, int index, double delta)
    {
        var theta = net.GetParameters();
        theta[index] += delta;
        return net.WithParameters(theta);
    }

    /// <summary>A 1-input, 1-output network with one hidden layer of the given activation.</summary>
    public static Network Shallow(Activation hidden, double[] w, double[] b, double[] u, double c) =>
        Network.Sequential(1, [(w, b, hidden), (u, [c], new IdentityActivation())]);
}
