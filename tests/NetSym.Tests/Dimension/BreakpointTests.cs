using CsCheck;
using NetSym.Dimension;
using NetSym.LinearAlgebra;
using NetSym.Networks;
using NetSym.Randomness;
using NetSym.Tests.Networks;

namespace NetSym.Tests.Dimension;

/// <summary>
/// Issue 10, item 4: an input exactly on a breakpoint counts the same in exact and float mode — both
/// keep it with ρ′ at the breakpoint as PyTorch's autograd takes it (relu′(0) = 0) — and the result
/// says how many inputs were on a breakpoint.
/// </summary>
public class BreakpointTests
{
    private static readonly FunctionalDimensionOptions Exact = new() { Method = RankMethod.Exact, KernelDirections = false };
    private static readonly FunctionalDimensionOptions Float = new() { Method = RankMethod.Float, KernelDirections = false };

    /// <summary>The issue's h_relu_1_1_1_kink: f(x) = w2·relu(w1·x + b1) + b2 with (w1, b1, w2, b2) = (1, 0, 1, 0), its kink at x = 0.</summary>
    private static Network HRelu111Kink() => Network.Sequential(1, [
        ([1.0], [0.0], new ReluActivation()),
        ([1.0], [0.0], new IdentityActivation())]);

    /// <summary>
    /// An independent reference: the rank of the rational Jacobian rows ∂f/∂(w1, b1, w2, b2) =
    /// (w2·s·x, w2·s, relu(w1·x + b1), 1) of the 1-1-1 net, with slope s = <paramref name="slopeAtKink"/>
    /// where w1·x + b1 = 0 (all entries small integers, so the float rank is exact).
    /// </summary>
    private static int ReferenceRank(double[] xs, double slopeAtKink)
    {
        const double w1 = 1, b1 = 0, w2 = 1;
        var rows = xs.Select(x =>
        {
            double z = w1 * x + b1, s = z > 0 ? 1 : z < 0 ? 0 : slopeAtKink;
            return new[] { w2 * s * x, w2 * s, Math.Max(z, 0), 1 };
        }).ToArray();
        return MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.DenseOfRowArrays(rows).Rank();
    }

    [Fact]
    public void The_issue_fixture_on_0_1_2_has_rank_3_in_exact_and_in_float_as_the_references_do()
    {
        double[] xs = [0, 1, 2];
        var x = Matrix.FromRows([.. xs.Select(v => new[] { v })]);
        // PyTorch's relu′(0) = 0 gives 3 (the issue's exact rational and PyTorch SVD references); the
        // right-hand slope 1 would give 2, which is what exact mode used to report by dropping x = 0.
        Assert.Equal(3, ReferenceRank(xs, slopeAtKink: 0));
        Assert.Equal(2, ReferenceRank(xs, slopeAtKink: 1));
        foreach (var options in new[] { Exact, Float })
        {
            var result = FunctionalDimension.Compute(HRelu111Kink(), x, LinearAlgebraBackends.Default, options);
            Assert.Equal(ReferenceRank(xs, slopeAtKink: 0), result.Rank);
            Assert.Equal(3, result.Points);
            Assert.Equal([0], result.OnBreakpoint);
            Assert.Equal(1, result.PointsOnBreakpoint);
        }
        // Without x = 0 the kink's point is missing and so is its direction.
        var off = FunctionalDimension.Compute(HRelu111Kink(), Matrix.FromRows([[1.0], [2.0]]), LinearAlgebraBackends.Default, Exact);
        Assert.Equal(ReferenceRank([1, 2], slopeAtKink: 0), off.Rank);
        Assert.Equal(0, off.PointsOnBreakpoint);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(7)]
    public void A_batch_with_k_points_planted_on_kinks_reports_k_in_both_modes(int k)
    {
        // Generic Gaussian inputs (not on the grid) and non-zero biases, so that no other pre-activation
        // lands on a breakpoint, with k grid inputs moved onto a first-layer kink each, scattered in the batch.
        var net = ExactTestNetworks.KinkReady(RandomNetworks.Create(Architecture.Parse("3-4-3-1"), new ReluActivation(), Initialization.PyTorch, RandomKey.FromSeed(435)));
        Assert.All(net.Layers, layer => Assert.DoesNotContain(0.0, layer.Bias.ToArray()));
        var x = TestNetworks.GaussianInputs(20, 3, 431);
        var planted = Enumerable.Range(0, k).Select(n => (3 * n + 2) % x.Rows).Order().ToArray();
        var grid = ExactTestNetworks.OnGrid(x);
        foreach (int i in planted) grid.Row(i).CopyTo(x.Row(i));
        ExactTestNetworks.PlantOnBreakpoints(net, x, planted);
        foreach (var options in new[] { Exact, Float })
        {
            var result = FunctionalDimension.Compute(net, x, LinearAlgebraBackends.Default, options);
            Assert.Equal(planted, result.OnBreakpoint);
            Assert.Equal(k, result.PointsOnBreakpoint);
            Assert.Equal(x.Rows, result.Points);
        }
    }

    private static readonly string[] PiecewiseLinear = ["relu", "leaky_relu(0.25)", "abs", "hardtanh", "relu6"];

    [Fact]
    public void Exact_and_float_agree_on_random_batches_with_points_on_breakpoints()
    {
        // Grid networks and inputs, every other input planted on a first-layer breakpoint: floating
        // point computes those pre-activations exactly, so any disagreement would be the convention's.
        Gen.Select(Gen.Int[0, PiecewiseLinear.Length - 1], Gen.Int[1, 4].Array[2, 4], Gen.Int[0, 1_000_000]).Sample((a, hidden, seed) =>
        {
            string architecture = string.Join("-", [3, .. hidden, 1]);
            var net = ExactTestNetworks.KinkReady(TestNetworks.Dense(architecture, ActivationCatalog.Parse(PiecewiseLinear[a]), seed));
            int points = FunctionalDimension.Bound(net) + 4;
            var x = ExactTestNetworks.OnGrid(TestNetworks.GaussianInputs(points, 3, seed + 1));
            var planted = Enumerable.Range(0, points).Where(i => i % 2 == 0).ToArray();
            ExactTestNetworks.PlantOnBreakpoints(net, x, planted);
            var exact = FunctionalDimension.Compute(net, x, LinearAlgebraBackends.Default, Exact with { Seed = seed });
            var numeric = FunctionalDimension.Compute(net, x, LinearAlgebraBackends.Default, Float);
            Assert.Subset(exact.OnBreakpoint.ToHashSet(), planted.ToHashSet());
            Assert.Equal(exact.OnBreakpoint, numeric.OnBreakpoint);
            Assert.True(exact.Rank == numeric.Rank, $"{PiecewiseLinear[a]} {architecture} seed {seed}: exact {exact.Rank}, float {numeric.Rank}");
        }, iter: 100);
    }

    [Fact]
    public void A_growing_batch_keeps_its_breakpoint_points_and_counts_them_by_their_place_in_the_stream()
    {
        var net = ExactTestNetworks.KinkReady(TestNetworks.Dense("2-3-2-1", new ReluActivation(), 440));
        var stream = ExactTestNetworks.OnGrid(TestNetworks.GaussianInputs(64, 2, 441));
        var planted = new[] { 1, 5, 12 }; // in the first batch of 8 and in the second of 16
        ExactTestNetworks.PlantOnBreakpoints(net, stream, planted);
        Matrix First(int n) => Matrix.FromRows([.. Enumerable.Range(0, Math.Min(n, stream.Rows)).Select(i => stream.Row(i).ToArray())]);
        var growth = FunctionalDimension.Grow(net, First, new GrowthOptions(8, 64), LinearAlgebraBackends.Default, Exact);
        Assert.InRange(growth.Final.Points, 16, 64); // 8 rows cannot reach the bound of 15
        var whole = FunctionalDimension.Compute(net, First(growth.Final.Points), LinearAlgebraBackends.Default, Exact);
        Assert.Equal(whole.OnBreakpoint, growth.Final.OnBreakpoint);
        Assert.Subset(whole.OnBreakpoint.ToHashSet(), planted.ToHashSet());
        Assert.Equal(whole.Rank, growth.Final.Rank);
    }
}
