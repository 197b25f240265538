using CsCheck;
using NetSym.Dimension;
using NetSym.LinearAlgebra;
using NetSym.Networks;
using NetSym.Randomness;

namespace NetSym.Tests.Dimension;

public class FunctionalDimensionTests
{
    private static Network OneOneOne() => Network.Sequential(1, [([1.0], [0.0], new ReluActivation()), ([1.0], [0.0], new IdentityActivation())]);

    [Theory]
    [InlineData(new[] { 1.0 }, 1)]
    [InlineData(new[] { 1.0, 2.0, 3.0 }, 2)]
    [InlineData(new[] { -1.0, 1.0, 2.0 }, 3)]
    public void The_worked_example_has_the_known_ranks(double[] xs, int rank)
    {
        // oracles.md: 1-1-1 with (w1, b1, w2, b2) = (1, 0, 1, 0), bound 3.
        var x = new Matrix(xs.Length, 1, xs);
        foreach (var method in new[] { RankMethod.Exact, RankMethod.Float })
        {
            var result = FunctionalDimension.Compute(OneOneOne(), x, LinearAlgebraBackends.Default, new FunctionalDimensionOptions { Method = method });
            Assert.Equal(3, result.Bound);
            Assert.Equal(rank, result.Rank);
            Assert.Equal(method, result.Method);
            Assert.Equal(rank == 3 && method == RankMethod.Exact, result.Certified);
        }
    }

    [Theory]
    [InlineData("relu", "3-4-3-1")]
    [InlineData("leaky_relu(0.25)", "2-3-3-2")]
    [InlineData("abs", "3-5-2")]
    [InlineData("relu", "2-2-2-1")]
    public void Exact_and_float_ranks_agree_and_never_exceed_the_bound(string spec, string arch)
    {
        for (int seed = 0; seed < 4; seed++)
        {
            var net = TestNetworks.Dense(arch, ActivationCatalog.Parse(spec), seed);
            var x = TestNetworks.GaussianInputs(40, net.InputSize, seed + 100);
            var exact = FunctionalDimension.Compute(net, x, LinearAlgebraBackends.Default, new FunctionalDimensionOptions { Method = RankMethod.Exact, Seed = seed });
            var numeric = FunctionalDimension.Compute(net, x, LinearAlgebraBackends.Default, new FunctionalDimensionOptions { Method = RankMethod.Float });
            Assert.Equal(numeric.Rank, exact.Rank);
            Assert.InRange(exact.Rank, 0, exact.Bound);
            Assert.Equal(net.ParameterCount - net.HiddenNeuronCount, exact.Bound);
        }
    }

    [Fact]
    public void Exact_on_a_smooth_network_is_refused_with_a_pointer_to_float()
    {
        var net = TestNetworks.Dense("2-3-1", new TanhActivation(), 1);
        var e = Assert.Throws<ExactRankUnavailableException>(() => FunctionalDimension.Compute(net, TestNetworks.GaussianInputs(5, 2, 1), LinearAlgebraBackends.Default, new FunctionalDimensionOptions { Method = RankMethod.Exact }));
        Assert.Equal("tanh", e.ActivationSpec);
        var f = FunctionalDimension.Compute(net, TestNetworks.GaussianInputs(30, 2, 1), LinearAlgebraBackends.Default);
        Assert.Equal(RankMethod.Float, f.Method);
        Assert.Equal(net.ParameterCount, f.Bound); // tanh has no continuous symmetry
        Assert.True(f.Tolerance > 0);
    }

    private static readonly Activation[] PiecewiseLinear =
        [new ReluActivation(), new LeakyReluActivation(0.25), new AbsActivation(), new IdentityActivation(), new HardtanhActivation(), new Relu6Activation()];

    private static readonly Activation[] Smooth = [new TanhActivation(), new SigmoidActivation(), new SoftplusActivation()];

    private static readonly Gen<(int[] Widths, int Activation, Initialization Init, int Seed)> Cases =
        Gen.Select(Gen.Int[1, 5].Array[3, 5], Gen.Int[0, 1000], Gen.Enum<Initialization>(), Gen.Int[0, 1_000_000]);

    private static (Network Network, Matrix Inputs) Case(int[] widths, Activation activation, Initialization init, int seed)
    {
        var network = RandomNetworks.Create(new Architecture(widths), activation, init, RandomKey.FromSeed(seed));
        int points = 2 * FunctionalDimension.Bound(network) / network.OutputSize + 2;
        return (network, RandomNetworks.GaussianInputs(points, network.InputSize, RandomKey.FromSeed(seed + 1)));
    }

    [Fact]
    public void Exact_and_float_agree_and_the_bound_is_never_exceeded_on_random_architectures()
    {
        Cases.Sample((widths, a, init, seed) =>
        {
            var (network, x) = Case(widths, PiecewiseLinear[a % PiecewiseLinear.Length], init, seed);
            var exact = FunctionalDimension.Compute(network, x, LinearAlgebraBackends.Default, new FunctionalDimensionOptions { Method = RankMethod.Exact, Seed = seed, KernelDirections = false });
            // Zero biases behind a dead layer put inputs exactly on a kink; both modes keep them with PyTorch's ρ′ there.
            var numeric = FunctionalDimension.Compute(network, x, LinearAlgebraBackends.Default, new FunctionalDimensionOptions { Method = RankMethod.Float, KernelDirections = false });
            Assert.Equal(numeric.Rank, exact.Rank);
            Assert.Equal(exact.OnBreakpoint, numeric.OnBreakpoint);
            Assert.InRange(exact.Rank, 0, Math.Min(exact.Bound, exact.Rows));
            Assert.Equal(exact.Deficit == 0, exact.Certified);
        }, iter: 150);
    }

    [Fact]
    public void Float_ranks_of_smooth_networks_never_exceed_the_bound()
    {
        Cases.Sample((widths, a, init, seed) =>
        {
            var (network, x) = Case(widths, Smooth[a % Smooth.Length], init, seed);
            var numeric = FunctionalDimension.Compute(network, x, LinearAlgebraBackends.Default);
            Assert.Equal(RankMethod.Float, numeric.Method);
            Assert.Equal(network.ParameterCount, numeric.Bound); // no continuous symmetry
            Assert.InRange(numeric.Rank, 0, Math.Min(numeric.Bound, numeric.Rows));
            Assert.False(numeric.Certified);
        }, iter: 60);
    }

    [Fact]
    public void Skip_connections_and_masks_keep_exact_and_float_equal_and_the_tangents_in_the_kernel()
    {
        foreach (var activation in new Activation[] { new ReluActivation(), new AbsActivation(), new IdentityActivation() })
        {
            var network = TestNetworks.SkipMasked(activation, 3);
            var x = TestNetworks.GaussianInputs(60, 3, 4);
            var exact = FunctionalDimension.Compute(network, x, LinearAlgebraBackends.Default, new FunctionalDimensionOptions { Method = RankMethod.Exact });
            var numeric = FunctionalDimension.Compute(network, x, LinearAlgebraBackends.Default, new FunctionalDimensionOptions { Method = RankMethod.Float });
            Assert.Equal(numeric.Rank, exact.Rank);
            Assert.True(exact.Rank <= exact.Bound);
            var field = new PrimeField(exact.Primes[0]);
            var j = ModularParameterJacobian.Compute(network, x, field, null, LinearAlgebraBackends.Default);
            var tangents = SymmetryTangents.Compute(network, field);
            Assert.Equal(network.ParameterCount - exact.Bound, tangents.Rows);
            for (int t = 0; t < tangents.Rows; t++)
                for (int r = 0; r < j.Rows; r++)
                {
                    long sum = 0;
                    for (int c = 0; c < j.Columns; c++) sum = (sum + field.Multiply((long)j[r, c], (long)tangents[t, c])) % field.P;
                    Assert.Equal(0, sum);
                }
        }
    }

    [Fact]
    public void Too_large_a_batch_is_refused_before_anything_is_allocated()
    {
        var network = TestNetworks.Dense("784-30-10", new ReluActivation(), 1);
        var e = Assert.Throws<ArgumentException>(() => FunctionalDimension.Grow(network, n => new Matrix(n, 784), new GrowthOptions(10, 1_000_000), LinearAlgebraBackends.Default));
        Assert.Contains("fewer points", e.Message);
    }

    [Fact]
    public void An_empty_batch_has_rank_zero_and_one_entirely_on_kinks_only_the_output_bias()
    {
        // Zero biases: x = 0 puts every first-layer pre-activation on ReLU's kink, where relu′(0) = 0
        // (PyTorch's value) silences every hidden neuron: only the output bias moves f, in both modes.
        var network = Network.Sequential(2, [([1.0, -1.0, 0.5, 2.0], [0.0, 0.0], new ReluActivation()), ([1.0, 1.0], [0.0], new IdentityActivation())]);
        foreach (var method in new[] { RankMethod.Exact, RankMethod.Float })
            foreach (var inputs in new[] { new Matrix(0, 2), new Matrix(3, 2) })
            {
                var result = FunctionalDimension.Compute(network, inputs, LinearAlgebraBackends.Default, new FunctionalDimensionOptions { Method = method });
                Assert.Equal(inputs.Rows == 0 ? 0 : 1, result.Rank);
                Assert.Equal(inputs.Rows, result.Points);
                Assert.Equal(inputs.Rows, result.PointsOnBreakpoint);
                Assert.True(result.BatchTooSmall);
            }
    }
}
