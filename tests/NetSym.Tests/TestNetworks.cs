using NetSym.Networks;
using NetSym.Randomness;

namespace NetSym.Tests;

/// <summary>Random networks for property tests, beyond what RandomNetworks makes: skip connections and masks.</summary>
internal static class TestNetworks
{
    public static Network Dense(string architecture, Activation hidden, int seed) =>
        RandomNetworks.Create(Architecture.Parse(architecture), hidden, Initialization.Gaussian, RandomKey.FromSeed(seed));

    /// <summary>
    /// A 3-input network with four layers: layer 1 reads the input and layer 0 (a skip), layer 2 is
    /// masked, the output layer reads layers 1 and 2 and the input.
    /// </summary>
    public static Network SkipMasked(Activation hidden, int seed)
    {
        var r = RandomKey.FromSeed(seed).Stream();
        double[] Draw(int n) => [.. Enumerable.Range(0, n).Select(_ => r.NextNormal() * 0.8)];
        var l0 = new Layer(3, 4, Draw(12), Draw(4), hidden, [0]);
        var l1 = new Layer(7, 5, Draw(35), Draw(5), hidden, [0, 1]);
        var mask = Enumerable.Range(0, 5 * 3).Select(i => i % 3 != 1).ToArray();
        var w2 = Draw(15);
        for (int i = 0; i < w2.Length; i++) if (!mask[i]) w2[i] = 0;
        var l2 = new Layer(5, 3, w2, Draw(3), hidden, [2], mask);
        var l3 = new Layer(11, 2, Draw(22), Draw(2), new IdentityActivation(), [0, 2, 3]);
        return new Network(3, [l0, l1, l2, l3]);
    }

    public static NetSym.LinearAlgebra.Matrix GaussianInputs(int count, int dimension, int seed) =>
        RandomNetworks.GaussianInputs(count, dimension, RandomKey.FromSeed(seed));

    /// <summary>Every activation in the catalog, parameterised ones with a non-default parameter too.</summary>
    public static IEnumerable<Activation> AllActivations() =>
    [
        new IdentityActivation(), new ReluActivation(), new LeakyReluActivation(0.01), new LeakyReluActivation(0.1),
        new TanhActivation(), new SigmoidActivation(), new SoftplusActivation(), new AbsActivation(),
        new EluActivation(1.0), new EluActivation(0.5), new GeluActivation(), new HardtanhActivation(), new Relu6Activation(),
        new SeluActivation(), new HardsigmoidActivation(), new SoftsignActivation(), new SinActivation(), new CosActivation(),
        new SiluActivation(), new GeluErfActivation(),
    ];

    public static TheoryData<string> AllActivationSpecs()
    {
        var data = new TheoryData<string>();
        foreach (var a in AllActivations()) data.Add(a.Spec);
        return data;
    }
}
