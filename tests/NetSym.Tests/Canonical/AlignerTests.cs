using System.Numerics.Tensors;
using CsCheck;
using NetSym.Canonical;
using NetSym.LinearAlgebra;
using NetSym.Networks;
using NetSym.Randomness;
using NetSym.Symmetries;

namespace NetSym.Tests.Canonical;

public class AlignerTests
{
    private static bool PermutationsAreIdentity(GroupElement g) => g.Permutations.All(p => p.Select((v, i) => v == i).All(x => x));

    private static void AssertSameFunction(Network a, Network b, double tolerance)
    {
        var x = TestNetworks.GaussianInputs(30, a.InputSize, 17);
        var fa = Forward.Evaluate(a, x, LinearAlgebraBackends.Default);
        var fb = Forward.Evaluate(b, x, LinearAlgebraBackends.Default);
        double scale = fa.Data.Max(Math.Abs) + 1;
        for (int i = 0; i < fa.Data.Length; i++)
            Assert.True(Math.Abs(fa.Data[i] - fb.Data[i]) <= tolerance * scale, $"output {i}: {fa.Data[i]} vs {fb.Data[i]}");
    }

    /// <summary>The result's fields agree with each other and with an independent recomputation.</summary>
    private static void AssertConsistent(Network a, Network b, AlignmentResult result)
    {
        var thetaA = a.GetParameters();
        var aligned = result.Aligned.GetParameters();
        Assert.Equal(result.Element!.Apply(b).GetParameters(), aligned);
        Assert.Equal(TensorPrimitives.Distance(thetaA, b.GetParameters()), result.DistanceBefore, 12);
        Assert.Equal(TensorPrimitives.Distance(thetaA, aligned), result.DistanceAfter, 12);
        double maxDeviation = thetaA.Zip(aligned, (p, q) => Math.Abs(p - q)).Max();
        Assert.Equal(maxDeviation, result.MaxDeviation, 12);
        Assert.True(result.DistanceAfter <= result.DistanceBefore, $"distance grew: {result.DistanceBefore} → {result.DistanceAfter}");
        // g is a symmetry: g·B computes what B computes.
        AssertSameFunction(b, result.Aligned, 1e-12);
    }

    /// <summary>
    /// Six inputs and four layers with interchangeable classes of several neurons: layer 1 reads the input and layer 0
    /// (a skip) through a mask with three row patterns, layer 2 reads layers 0 and 1, the output reads the input and layers 1 and 2.
    /// </summary>
    private static Network WideSkipMasked(Activation hidden, int seed)
    {
        var r = RandomKey.FromSeed(seed).Stream();
        double[] Draw(int n, double scale) => [.. Enumerable.Range(0, n).Select(_ => r.NextNormal() * scale)];
        var l0 = new Layer(6, 20, Draw(120, 0.4), Draw(20, 0.4), hidden, [0]);
        var mask = new bool[24 * 26];
        for (int j = 0; j < 24; j++)
            for (int k = 0; k < 26; k++) mask[j * 26 + k] = (j % 3) switch { 0 => k < 6, 1 => k >= 6, _ => k % 2 == 0 };
        var w1 = Draw(24 * 26, 0.3);
        for (int i = 0; i < w1.Length; i++) if (!mask[i]) w1[i] = 0;
        var l1 = new Layer(26, 24, w1, Draw(24, 0.3), hidden, [0, 1], mask);
        var l2 = new Layer(44, 16, Draw(16 * 44, 0.2), Draw(16, 0.2), hidden, [1, 2]);
        var l3 = new Layer(46, 3, Draw(3 * 46, 0.2), Draw(3, 0.2), new IdentityActivation(), [0, 2, 3]);
        return new Network(6, [l0, l1, l2, l3]);
    }

    public static TheoryData<string, string> PlantedCases()
    {
        var data = new TheoryData<string, string>();
        foreach (var spec in new[] { "relu", "tanh", "sigmoid", "leaky_relu(0.01)" })
            foreach (var arch in new[] { "10-30-50-5", "20-50-30-50-3" }) data.Add(spec, arch);
        return data;
    }

    [Theory]
    [MemberData(nameof(PlantedCases))]
    public void Planted_elements_are_recovered_exactly_in_100_of_100(string spec, string architecture)
    {
        var activation = ActivationCatalog.Parse(spec);
        var random = RandomKey.FromSeed(architecture.Length * 31 + spec.Length).Stream();
        int exact = 0;
        for (int trial = 0; trial < 100; trial++)
        {
            var a = TestNetworks.Dense(architecture, activation, 1000 + trial);
            var h = SymmetryGroup.Of(a).RandomElement(random);
            var b = h.Apply(a);
            var result = Aligner.Align(a, b, LinearAlgebraBackends.Default);
            // Exact recovery: g·(h·A) = A, and g undoes h's permutation.
            if (result.Exact && result.MaxDeviation <= 1e-12 && PermutationsAreIdentity(result.Element!.Compose(h))) exact++;
        }
        Assert.Equal(100, exact);
    }

    [Theory]
    [MemberData(nameof(Specs))]
    public void Planted_elements_are_recovered_for_every_activation(string spec)
    {
        var activation = ActivationCatalog.Parse(spec);
        var random = RandomKey.FromSeed(spec.Length).Stream();
        for (int trial = 0; trial < 10; trial++)
        {
            var a = TestNetworks.Dense("6-12-10-3", activation, trial);
            var h = SymmetryGroup.Of(a).RandomElement(random);
            var b = h.Apply(a);
            var result = Aligner.Align(a, b, LinearAlgebraBackends.Default);
            Assert.True(result.Exact, $"trial {trial}: relative distance after {result.RelativeDistanceAfter}");
            Assert.True(PermutationsAreIdentity(result.Element!.Compose(h)));
            AssertConsistent(a, b, result);
        }
    }

    public static TheoryData<string> Specs() => TestNetworks.AllActivationSpecs();

    [Theory]
    [InlineData("relu", 1)]
    [InlineData("relu", 2)]
    [InlineData("tanh", 3)]
    public void Planted_elements_are_recovered_at_width_512(string spec, int seed)
    {
        var a = TestNetworks.Dense("64-512-512-10", ActivationCatalog.Parse(spec), seed);
        var h = SymmetryGroup.Of(a).RandomElement(RandomKey.FromSeed(seed).Stream());
        var result = Aligner.Align(a, h.Apply(a), LinearAlgebraBackends.Default);
        Assert.True(result.Exact, $"relative distance after {result.RelativeDistanceAfter}");
        Assert.Equal(AlignmentStage.LayerMatching, result.Stage);
        Assert.True(PermutationsAreIdentity(result.Element!.Compose(h)));
    }

    [Theory]
    [InlineData("relu")]
    [InlineData("tanh")]
    [InlineData("sigmoid")]
    [InlineData("abs")]
    public void Planted_elements_are_recovered_with_skip_connections_and_masks(string spec)
    {
        var activation = ActivationCatalog.Parse(spec);
        var random = RandomKey.FromSeed(7).Stream();
        for (int trial = 0; trial < 100; trial++)
        {
            var a = trial % 4 == 0 ? TestNetworks.SkipMasked(activation, trial) : WideSkipMasked(activation, trial);
            var group = SymmetryGroup.Of(a);
            var h = group.RandomElement(random);
            var b = h.Apply(a);
            var result = Aligner.Align(a, b, LinearAlgebraBackends.Default);
            Assert.True(result.Exact, $"trial {trial}: relative distance after {result.RelativeDistanceAfter}");
            Assert.True(PermutationsAreIdentity(result.Element!.Compose(h)));
            // Each permutation keeps every interchangeable class in place.
            for (int l = 0; l < group.Layers.Count; l++)
                foreach (var cls in group.Layers[l].InterchangeableClasses)
                    Assert.All(cls, k => Assert.Contains(result.Element!.Permutations[l][k], cls));
            if (trial < 10) AssertConsistent(a, b, result);
        }
    }

    [Theory]
    [InlineData("relu", "10-30-50-5")]
    [InlineData("relu", "20-50-30-50-3")]
    [InlineData("tanh", "20-50-30-50-3")]
    [InlineData("sigmoid", "10-30-50-5")]
    public void Small_noise_keeps_the_planted_permutation_and_the_distance_at_noise_level(string spec, string architecture)
    {
        const double sigma = 1e-3;
        var activation = ActivationCatalog.Parse(spec);
        var random = RandomKey.FromSeed(3).Stream();
        for (int trial = 0; trial < 20; trial++)
        {
            var a = TestNetworks.Dense(architecture, activation, trial);
            var h = SymmetryGroup.Of(a).RandomElement(random);
            var theta = h.Apply(a).GetParameters();
            for (int k = 0; k < theta.Length; k++) theta[k] += sigma * random.NextNormal();
            var noisy = a.WithParameters(theta);

            var result = Aligner.Align(a, noisy, LinearAlgebraBackends.Default);
            Assert.True(PermutationsAreIdentity(result.Element!.Compose(h)), $"trial {trial}: the planted permutation was not recovered");
            Assert.False(result.Exact);
            // The noise as seen from A: what undoing h exactly leaves. (For tanh and sigmoid h⁻¹ is an isometry and this
            // is σ·√#params; ReLU's scalings stretch it.) The alignment lands at that level.
            double carried = TensorPrimitives.Distance(a.GetParameters(), h.Invert().Apply(noisy).GetParameters());
            Assert.InRange(result.DistanceAfter / carried, 0.9, 1.1);
            if (spec != "relu") Assert.InRange(result.DistanceAfter / (sigma * Math.Sqrt(theta.Length)), 0.8, 1.5);
        }
    }

    [Fact]
    public void Alignment_never_increases_the_distance_and_is_a_symmetry_of_B()
    {
        string[] specs = ["relu", "leaky_relu(0.1)", "tanh", "sigmoid", "abs", "softplus", "relu6", "identity"];
        var gen = Gen.Select(Gen.Int[0, specs.Length - 1], Gen.Int[0, 100_000], Gen.Int[0, 100_000], Gen.Int[0, 4]);
        gen.Sample((s, seedA, seedB, shape) =>
        {
            var activation = ActivationCatalog.Parse(specs[s]);
            var (a, b) = shape switch
            {
                0 => (TestNetworks.SkipMasked(activation, seedA), TestNetworks.SkipMasked(activation, seedB)),
                1 => (WideSkipMasked(activation, seedA), WideSkipMasked(activation, seedB)),
                _ => (RandomDense(activation, seedA, seedA), RandomDense(activation, seedA, seedB)),
            };
            AssertConsistent(a, b, Aligner.Align(a, b, LinearAlgebraBackends.Default));
        }, iter: 150, threads: 1);
    }

    /// <summary>A dense network whose architecture depends on <paramref name="shapeSeed"/> and weights on <paramref name="seed"/>.</summary>
    private static Network RandomDense(Activation activation, int shapeSeed, int seed)
    {
        var r = RandomKey.FromSeed(shapeSeed).Stream();
        var widths = new List<int> { (r.NextInt32(5) + 1) };
        int hidden = (r.NextInt32(3) + 1);
        for (int l = 0; l < hidden; l++) widths.Add((r.NextInt32(8) + 1));
        widths.Add((r.NextInt32(3) + 1));
        return TestNetworks.Dense(string.Join('-', widths), activation, seed);
    }

    [Theory]
    [InlineData("tanh", "3-5-2")]
    [InlineData("tanh", "4-4-3")]
    [InlineData("softplus", "3-5-2")]
    public void With_one_hidden_layer_of_an_isometric_group_the_alignment_is_globally_optimal(string spec, string architecture)
    {
        // tanh's sign flips and softplus's permutations move parameters isometrically, so min over E of the distance between
        // normal forms is min over all g of ‖θ_A − θ_{g·B}‖, and with one hidden layer a single assignment on incoming plus
        // outgoing weights attains it. Brute force over every permutation and sign pattern.
        var activation = ActivationCatalog.Parse(spec);
        var reflections = new[] { AffineSymmetry.Identity }.Concat(activation.Symmetries.Discrete).ToArray();
        for (int trial = 0; trial < 15; trial++)
        {
            var a = TestNetworks.Dense(architecture, activation, trial);
            var b = TestNetworks.Dense(architecture, activation, 100 + trial);
            int n = a.Layers[0].OutputSize;
            var thetaA = a.GetParameters();
            double best = double.PositiveInfinity;
            foreach (var perm in Permutations(n))
                for (int mask = 0; mask < (int)Math.Pow(reflections.Length, n); mask++)
                {
                    var affine = new AffineSymmetry[n];
                    for (int j = 0, m = mask; j < n; j++, m /= reflections.Length) affine[j] = reflections[m % reflections.Length];
                    var g = new GroupElement([affine], [perm]);
                    best = Math.Min(best, TensorPrimitives.Distance(thetaA, g.Apply(b).GetParameters()));
                }
            var result = Aligner.Align(a, b, LinearAlgebraBackends.Default);
            Assert.True(Math.Abs(result.DistanceAfter - best) <= 1e-9 * (1 + best), $"trial {trial}: aligned {result.DistanceAfter}, optimum {best}");
        }
    }

    private static IEnumerable<int[]> Permutations(int n)
    {
        if (n == 0) { yield return []; yield break; }
        foreach (var p in Permutations(n - 1))
            for (int at = 0; at <= p.Length; at++)
                yield return [.. p[..at], n - 1, .. p[at..]];
    }

    [Theory]
    [InlineData("relu")]
    [InlineData("tanh")]
    [InlineData("sigmoid")]
    public void Weight_matching_lowers_the_distance_beyond_layer_matching(string spec)
    {
        var activation = ActivationCatalog.Parse(spec);
        int improved = 0;
        for (int trial = 0; trial < 10; trial++)
        {
            var a = TestNetworks.Dense("10-30-50-5", activation, trial);
            var b = TestNetworks.Dense("10-30-50-5", activation, 50 + trial);
            var layered = Aligner.Align(a, b, LinearAlgebraBackends.Default, new AlignmentOptions { Refine = false });
            var refined = Aligner.Align(a, b, LinearAlgebraBackends.Default);
            Assert.Equal(0, layered.Sweeps);
            Assert.True(refined.DistanceAfter <= layered.DistanceAfter);
            Assert.True(layered.DistanceAfter < layered.DistanceBefore);
            if (refined.DistanceAfter < layered.DistanceAfter * (1 - 1e-6))
            {
                improved++;
                Assert.Equal(AlignmentStage.WeightMatching, refined.Stage);
                Assert.True(refined.Sweeps >= 1 && refined.Sweeps <= AlignmentOptions.Default.MaxSweeps);
            }
        }
        Assert.True(improved >= 5, $"weight matching improved only {improved} of 10 alignments");
    }

    [Fact]
    public void A_network_aligned_to_itself_is_unchanged()
    {
        var a = TestNetworks.Dense("5-8-6-2", new TanhActivation(), 4);
        var result = Aligner.Align(a, a, LinearAlgebraBackends.Default);
        Assert.True(result.Exact);
        Assert.Equal(0.0, result.DistanceBefore);
        Assert.Equal(0.0, result.DistanceAfter);
        Assert.Equal(AlignmentStage.Unchanged, result.Stage);
        Assert.True(result.Element!.IsIdentity);
    }

    [Fact]
    public void Different_architectures_are_rejected_with_the_difference_named()
    {
        var relu = new ReluActivation();
        var a = TestNetworks.Dense("4-6-3", relu, 1);
        void Rejects(Network b, string words) =>
            Assert.Contains(words, Assert.Throws<ArgumentException>(() => Aligner.Align(a, b, LinearAlgebraBackends.Default)).Message);

        Rejects(TestNetworks.Dense("5-6-3", relu, 1), "input sizes differ");
        Rejects(TestNetworks.Dense("4-6-2", relu, 1), "output sizes differ");
        Rejects(TestNetworks.Dense("4-6-6-3", relu, 1), "layers");
        Rejects(TestNetworks.Dense("4-7-3", relu, 1), "layer 0 has 6 neurons in A, 7 in B");
        Rejects(TestNetworks.Dense("4-6-3", new TanhActivation(), 1), "layer 0 applies relu in A, tanh in B");

        var skip = TestNetworks.SkipMasked(relu, 1);
        var unmasked = new Network(3, skip.Layers.Select((l, i) => i == 2 ? new Layer(l.InputSize, l.OutputSize, l.Weights, l.Bias, l.Activation, l.Sources) : l));
        Assert.Contains("masks", Assert.Throws<ArgumentException>(() => Aligner.Align(skip, unmasked, LinearAlgebraBackends.Default)).Message);
        var rerouted = new Network(3, skip.Layers.Select((l, i) => i == 2 ? new Layer(3, l.OutputSize, new double[3 * l.OutputSize], l.Bias, l.Activation, [0]) : l));
        Assert.Contains("reads nodes", Assert.Throws<ArgumentException>(() => Aligner.Align(skip, rerouted, LinearAlgebraBackends.Default)).Message);
    }

    [Theory]
    [InlineData(-1e-9)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Bad_tolerances_are_rejected(double tolerance)
    {
        var a = TestNetworks.Dense("3-4-2", new ReluActivation(), 1);
        var e = Assert.Throws<ArgumentException>(() => Aligner.Align(a, a, LinearAlgebraBackends.Default, new AlignmentOptions { Tolerance = tolerance }));
        Assert.Contains("tolerance", e.Message);
    }

    [Fact]
    public void A_negative_sweep_limit_is_rejected()
    {
        var a = TestNetworks.Dense("3-4-2", new ReluActivation(), 1);
        Assert.Throws<ArgumentException>(() => Aligner.Align(a, a, LinearAlgebraBackends.Default, new AlignmentOptions { MaxSweeps = -1 }));
    }
}
