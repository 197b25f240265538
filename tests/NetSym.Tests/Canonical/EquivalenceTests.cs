using CsCheck;
using NetSym.Canonical;
using NetSym.LinearAlgebra;
using NetSym.Networks;
using NetSym.Randomness;
using NetSym.Symmetries;

namespace NetSym.Tests.Canonical;

public class EquivalenceTests
{
    public static TheoryData<string> Specs() => CanonicalTestCases.Specs();

    private static readonly EquivalenceOptions Small = new() { WitnessBudget = 1024, Seed = 1 };

    [Theory]
    [MemberData(nameof(Specs))]
    public void A_symmetric_copy_is_equivalent_and_the_map_takes_it_back(string spec)
    {
        var random = RandomKey.FromSeed(51).Stream();
        foreach (var a in CanonicalTestCases.Networks(ActivationCatalog.Parse(spec), 23))
        {
            var b = SymmetryGroup.Of(a).RandomElement(random).Apply(a);
            var result = Equivalence.Compare(a, b, LinearAlgebraBackends.Default);
            Assert.Equal(EquivalenceVerdict.Equivalent, result.Verdict);
            Assert.True(result.CanonicalShapesMatch);
            Assert.True(result.CanonicalDeviation <= 1e-12, $"canonical deviation {result.CanonicalDeviation}");
            Assert.Null(result.Search);
            var mapped = result.Map!.Apply(b);
            CanonicalTestCases.AssertSameParameters(a, mapped, 1e-9);
            double deviation = a.GetParameters().Zip(mapped.GetParameters()).Max(p => Math.Abs(p.First - p.Second));
            Assert.Equal(deviation, result.MapDeviation!.Value);
            Assert.True(deviation <= 1e-12 * (1 + a.GetParameters().Max(Math.Abs)), $"map deviation {deviation}");
        }
    }

    [Theory]
    [MemberData(nameof(Specs))]
    public void A_perturbed_copy_is_different_with_a_witness_that_really_separates_them(string spec)
    {
        var random = RandomKey.FromSeed(52).Stream();
        foreach (var a in CanonicalTestCases.Networks(ActivationCatalog.Parse(spec), 29))
        {
            var moved = SymmetryGroup.Of(a).RandomElement(random).Apply(a);
            // One weight of the first layer, and the last output bias.
            foreach (int index in new[] { 1, a.ParameterCount - 1 })
            {
                var b = CanonicalTestCases.Perturb(moved, index, 1e-3);
                var result = Equivalence.Compare(a, b, LinearAlgebraBackends.Default, Small);
                Assert.Equal(EquivalenceVerdict.Different, result.Verdict);
                var w = result.Search!;
                Assert.True(w.Found);
                var x = new Matrix(1, a.InputSize, (double[])w.Input.Clone());
                var fa = Forward.Evaluate(a, x, LinearAlgebraBackends.Default).Data; var fb = Forward.Evaluate(b, x, LinearAlgebraBackends.Default).Data;
                double difference = fa.Zip(fb).Max(p => Math.Abs(p.First - p.Second));
                Assert.Equal(w.Difference, difference, 1e-14);
                double scale = Math.Max(w.OutputScale, Math.Max(fa.Max(Math.Abs), fb.Max(Math.Abs)));
                Assert.True(difference > Small.Tolerance * scale, $"witness difference {difference} is not above {Small.Tolerance} × {scale}");
            }
        }
    }

    [Fact]
    public void The_identity_written_two_ways_is_the_same_function_by_regions_but_never_called_equivalent()
    {
        // relu(x) − relu(−x) = x = relu(x + 1) − relu(−x − 1) − 1: same function, unrelated parameters.
        var a = CanonicalTestCases.Shallow(new ReluActivation(), [1, -1], [0, 0], [1, -1], 0);
        var b = CanonicalTestCases.Shallow(new ReluActivation(), [1, -1], [1, -1], [1, -1], -1);
        var result = Equivalence.Compare(a, b, LinearAlgebraBackends.Default, Small);
        Assert.Equal(EquivalenceVerdict.SameFunction, result.Verdict);
        Assert.Equal(3, result.Regions!.Regions.Regions.Count);
        Assert.True(result.CanonicalShapesMatch);
        Assert.True(result.CanonicalDeviation > 0.1);
        Assert.Null(result.Map);
        Assert.True(result.Search!.InputsTried >= Small.WitnessBudget * 3 / 4);
        Assert.True(result.Search.LargestDifference <= 1e-14, $"largest difference {result.Search.LargestDifference}");
    }

    [Fact]
    public void Different_widths_go_to_the_witness_search_and_the_regions()
    {
        // x = relu(x) − relu(−x) = ½(relu(x+1) − relu(−x−1)) + ½(relu(x) − relu(−x)) − ½: no neuron of the
        // wider network is dead, constant or a twin, so reduction cannot bring the shapes together.
        var a = CanonicalTestCases.Shallow(new ReluActivation(), [1, -1], [0, 0], [1, -1], 0);
        var b = CanonicalTestCases.Shallow(new ReluActivation(), [1, -1, 1, -1], [1, -1, 0, 0], [0.5, -0.5, 0.5, -0.5], -0.5);
        var same = Equivalence.Compare(a, b, LinearAlgebraBackends.Default, Small);
        Assert.Equal(EquivalenceVerdict.SameFunction, same.Verdict);
        Assert.False(same.CanonicalShapesMatch);
        Assert.Null(same.CanonicalDeviation);
        Assert.Equal(a.Architecture + " vs " + b.Architecture, same.ShapeDifference);

        var c = CanonicalTestCases.Shallow(new ReluActivation(), [1, -1, 1, -1], [1, -1, 0, 0], [0.5, -0.5, 0.5, -0.5 + 1e-3], -0.5);
        Assert.Equal(EquivalenceVerdict.Different, Equivalence.Compare(a, c, LinearAlgebraBackends.Default, Small).Verdict);
    }

    [Fact]
    public void A_smooth_linear_pair_written_two_ways_only_agrees_on_tested_inputs()
    {
        // softplus(x) − softplus(−x) = x as well, but softplus is not piecewise linear: no regions to compare.
        var a = CanonicalTestCases.Shallow(new SoftplusActivation(), [1, -1], [0, 0], [1, -1], 0);
        var b = CanonicalTestCases.Shallow(new SoftplusActivation(), [1, -1], [1, -1], [1, -1], -1);
        var result = Equivalence.Compare(a, b, LinearAlgebraBackends.Default, Small);
        Assert.Equal(EquivalenceVerdict.AgreeOnTestedInputs, result.Verdict);
        Assert.Null(result.Regions);
        Assert.Null(result.Map);
        Assert.True(result.Search!.LargestDifference <= 1e-12 * 300, $"largest difference {result.Search.LargestDifference}");
    }

    [Fact]
    public void Neurons_that_reduction_removes_do_not_hide_an_equivalence()
    {
        var a = CanonicalTestCases.Shallow(new ReluActivation(), [1, -1], [0, 0], [1, -1], 0);
        // A third neuron that no one reads: the same function with a different architecture.
        var b = CanonicalTestCases.Shallow(new ReluActivation(), [1, -1, 0.7], [0, 0, 0.2], [1, -1, 0], 0);
        var same = Equivalence.Compare(a, b, LinearAlgebraBackends.Default, Small);
        Assert.Equal(EquivalenceVerdict.Equivalent, same.Verdict);
        Assert.Equal(1, same.ReductionB!.RemovedNeuronCount);
        Assert.True(same.MapDeviation < 1e-15);
    }

    [Fact]
    public void A_box_limits_where_differences_count()
    {
        // relu(x + 10) − relu(−x + 10) equals 2x on [−10, 10], relu(x + 20) − relu(−x + 20) on [−20, 20]:
        // on [−5, 5] both neurons are certified always active, both networks reduce to the affine 2x.
        var a = CanonicalTestCases.Shallow(new ReluActivation(), [1, -1], [10, 10], [1, -1], 0);
        var b = CanonicalTestCases.Shallow(new ReluActivation(), [1, -1], [20, 20], [1, -1], 0);
        var inside = Equivalence.Compare(a, b, LinearAlgebraBackends.Default, Small with { Box = Box.Uniform(1, -5, 5) });
        Assert.Equal(EquivalenceVerdict.Equivalent, inside.Verdict);
        Assert.True(inside.ReductionA!.HoldsOnDomainOnly);

        var everywhere = Equivalence.Compare(a, b, LinearAlgebraBackends.Default, Small);
        Assert.Equal(EquivalenceVerdict.Different, everywhere.Verdict);
        Assert.True(Math.Abs(everywhere.Search!.Input[0]) > 10);
    }

    [Fact]
    public void The_ascent_reaches_the_largest_difference_on_the_box()
    {
        // f_A(x) = c·x (an affine hidden layer), f_B = 0: on [−1, 1]^20 the largest |f_A − f_B| is ‖c‖₁,
        // at the vertex sign(c), which random vertices almost never hit.
        var random = RandomKey.FromSeed(9).Stream();
        double[] c = [.. Enumerable.Range(0, 20).Select(_ => random.NextNormal())];
        var a = Network.Sequential(20, [(c, [0.0], new IdentityActivation()), ([1.0], [0.0], new IdentityActivation())]);
        var b = Network.Sequential(20, [(new double[20], [0.0], new IdentityActivation()), ([1.0], [0.0], new IdentityActivation())]);
        var result = Equivalence.Compare(a, b, LinearAlgebraBackends.Default, Small with { Box = Box.Uniform(20, -1, 1) });
        Assert.Equal(EquivalenceVerdict.Different, result.Verdict);
        double l1 = c.Sum(Math.Abs);
        Assert.True(result.Search!.Difference >= l1 * (1 - 1e-9), $"ascent reached {result.Search.Difference}, the maximum is {l1}");
    }

    [Fact]
    public void The_ascent_climbs_to_the_local_maximum_of_a_smooth_difference()
    {
        // Two 1-input tanh networks on [−3, 3]: the largest |f_A − f_B| on a grid of 60,001 points is the
        // target; samples alone land within ~10⁻⁴ of it, the gradient ascent must get to 10⁻⁸.
        var a = CanonicalTestCases.Shallow(new TanhActivation(), [1.3, -0.7, 2.1], [0.2, 0.5, -1.0], [0.8, 1.1, -0.6], 0.1);
        var b = CanonicalTestCases.Shallow(new TanhActivation(), [1.1, -0.9, 1.7], [0.1, 0.4, -0.8], [0.9, 1.0, -0.5], 0.0);
        var grid = new Matrix(60_001, 1, [.. Enumerable.Range(0, 60_001).Select(i => -3 + i * 1e-4)]);
        var fa = Forward.Evaluate(a, grid, LinearAlgebraBackends.Default).Data; var fb = Forward.Evaluate(b, grid, LinearAlgebraBackends.Default).Data;
        double target = fa.Zip(fb).Max(p => Math.Abs(p.First - p.Second));
        var result = WitnessSearch.Run(a, b, LinearAlgebraBackends.Default, Small with { Box = Box.Uniform(1, -3, 3) });
        Assert.True(result.Found);
        Assert.True(result.Difference >= target * (1 - 1e-8), $"ascent reached {result.Difference}, the grid maximum is {target}");
    }

    [Fact]
    public void Networks_without_hidden_layers_are_compared_entry_by_entry()
    {
        var a = Network.Sequential(2, [([1.0, -2.0, 0.5, 3.0], [0.1, 0.2], new TanhActivation())]);
        var same = Equivalence.Compare(a, Network.Sequential(2, [([1.0, -2.0, 0.5, 3.0], [0.1, 0.2], new TanhActivation())]), LinearAlgebraBackends.Default);
        Assert.Equal(EquivalenceVerdict.Equivalent, same.Verdict);
        Assert.Equal(0, same.MapDeviation);
        Assert.Empty(same.Map!.Permutations);
        var other = Network.Sequential(2, [([1.0, -2.0, 0.5, 3.0], [0.1, 0.2 + 1e-6], new TanhActivation())]);
        Assert.Equal(EquivalenceVerdict.Different, Equivalence.Compare(a, other, LinearAlgebraBackends.Default, Small).Verdict);
    }

    [Fact]
    public void The_same_seed_gives_the_same_search()
    {
        var a = TestNetworks.Dense("3-6-2", new TanhActivation(), 1);
        var b = TestNetworks.Dense("3-6-2", new TanhActivation(), 2);
        var r1 = WitnessSearch.Run(a, b, LinearAlgebraBackends.Default, Small);
        var r2 = WitnessSearch.Run(a, b, LinearAlgebraBackends.Default, Small);
        Assert.Equal(r1.Input, r2.Input);
        Assert.Equal(r1.Difference, r2.Difference);
        Assert.NotEqual(r1.Input, WitnessSearch.Run(a, b, LinearAlgebraBackends.Default, Small with { Seed = 2 }).Input);
    }

    [Fact]
    public void Bad_input_is_rejected_with_a_clear_message()
    {
        var a = TestNetworks.Dense("3-5-2", new ReluActivation(), 1);
        var inputs = Assert.Throws<ArgumentException>(() => Equivalence.Compare(a, TestNetworks.Dense("4-5-2", new ReluActivation(), 1), LinearAlgebraBackends.Default));
        Assert.Contains("inputs of different sizes (3 and 4)", inputs.Message);
        var outputs = Assert.Throws<ArgumentException>(() => Equivalence.Compare(a, TestNetworks.Dense("3-5-1", new ReluActivation(), 1), LinearAlgebraBackends.Default));
        Assert.Contains("outputs of different sizes (2 and 1)", outputs.Message);
        foreach (double tol in new[] { -1e-9, double.NaN, double.PositiveInfinity })
            Assert.Contains("tolerance", Assert.Throws<ArgumentException>(() => Equivalence.Compare(a, a, LinearAlgebraBackends.Default, new EquivalenceOptions { Tolerance = tol })).Message);
        Assert.Contains("budget", Assert.Throws<ArgumentException>(() => Equivalence.Compare(a, a, LinearAlgebraBackends.Default, new EquivalenceOptions { WitnessBudget = 0 })).Message);
        Assert.Contains("box", Assert.Throws<ArgumentException>(() => Equivalence.Compare(a, a, LinearAlgebraBackends.Default, new EquivalenceOptions { Box = Box.Uniform(2, 0, 1) })).Message);
        Assert.Throws<ArgumentException>(() => new Box([0.0], [-1.0]));
        Assert.Throws<ArgumentException>(() => new Box([double.NaN], [1.0]));
    }

    [Fact]
    public void Tolerance_zero_never_mistakes_rounding_for_a_difference()
    {
        // relu(x) − relu(−x) and relu(2x)/2 − relu(−3x)/3 are related by scaling: canonical forms agree
        // only up to rounding, which tolerance 0 does not accept, and the search must not call it a difference.
        var a = CanonicalTestCases.Shallow(new ReluActivation(), [1, -1], [0.1, 0.3], [1, -1], 0);
        var b = SymmetryGroup.Of(a).RandomElement(RandomKey.FromSeed(4).Stream()).Apply(a);
        var result = Equivalence.Compare(a, b, LinearAlgebraBackends.Default, Small with { Tolerance = 0 });
        Assert.NotEqual(EquivalenceVerdict.Different, result.Verdict);
    }

    [Fact]
    public void Random_architectures_symmetric_copies_are_equivalent_and_output_shifts_are_different()
    {
        CanonicalTestCases.RandomNetwork.Sample(c =>
        {
            var b = SymmetryGroup.Of(c.Network).RandomElement(RandomKey.FromSeed(c.Seed).Stream()).Apply(c.Network);
            var result = Equivalence.Compare(c.Network, b, LinearAlgebraBackends.Default);
            Assert.Equal(EquivalenceVerdict.Equivalent, result.Verdict);
            CanonicalTestCases.AssertSameParameters(c.Network, result.Map!.Apply(b), 1e-9);
            // Moving an output bias moves the output everywhere: any input is a witness.
            var shifted = CanonicalTestCases.Perturb(b, b.ParameterCount - 1, 1e-3);
            Assert.Equal(EquivalenceVerdict.Different, Equivalence.Compare(c.Network, shifted, LinearAlgebraBackends.Default, Small with { WitnessBudget = 64 }).Verdict);
        }, iter: 100, threads: 1, print: c => $"{c.Network.Architecture} {c.Network.HiddenActivations} seed {c.Seed}");
    }
}
