using System.Numerics;
using CsCheck;
using NetSym.LinearAlgebra;
using NetSym.Networks;
using NetSym.Randomness;

namespace NetSym.Tests.Networks;

public class IntervalBoundsTests
{
    public static TheoryData<string> Specs() => TestNetworks.AllActivationSpecs();

    /// <summary>A random box: centres N(0, 1), half-widths up to 1.5, now and then a single point.</summary>
    internal static Box RandomBox(RandomStream r, int dimension)
    {
        var lower = new double[dimension];
        var upper = new double[dimension];
        for (int i = 0; i < dimension; i++)
        {
            double centre = r.NextNormal(), half = r.NextInt32(10) == 0 ? 0 : 1.5 * r.NextDouble();
            lower[i] = centre - half;
            upper[i] = centre + half;
        }
        return new Box(lower, upper);
    }

    /// <summary>Points in the box: random corners first (where affine bounds are attained), then uniform draws.</summary>
    internal static Matrix PointsInside(Box box, RandomStream r, int count)
    {
        var m = new Matrix(count, box.Dimension);
        for (int i = 0; i < count; i++)
            for (int k = 0; k < box.Dimension; k++)
            {
                double t = i < count / 4 ? r.NextInt32(2) : r.NextDouble();
                m[i, k] = Math.Clamp(box.Lower[k] + t * (box.Upper[k] - box.Lower[k]), box.Lower[k], box.Upper[k]);
            }
        return m;
    }

    [Theory]
    [MemberData(nameof(Specs))]
    public void Every_input_in_the_box_has_its_pre_activations_and_outputs_within_the_bounds(string spec)
    {
        var activation = ActivationCatalog.Parse(spec);
        Gen.Int[0, 1_000_000].Sample(seed =>
        {
            var r = RandomKey.FromSeed(seed).Stream();
            var network = r.NextInt32(2) == 0 ? TestNetworks.Dense("4-9-7-3", activation, seed) : TestNetworks.SkipMasked(activation, seed);
            var box = RandomBox(r, network.InputSize);
            var bounds = IntervalBounds.Compute(network, box);
            var trace = Forward.Trace(network, PointsInside(box, r, 80), LinearAlgebraBackends.Default);
            for (int l = 0; l < network.Layers.Count; l++)
                for (int i = 0; i < trace.BatchSize; i++)
                    for (int j = 0; j < network.Layers[l].OutputSize; j++)
                    {
                        // The forward pass rounds too; the bounds hold for the exact values.
                        AssertWithin(bounds.PreActivation(l, j), trace.PreActivations[l][i, j], $"layer {l} neuron {j} pre-activation");
                        AssertWithin(bounds.Output(l, j), trace.Nodes[l + 1][i, j], $"layer {l} neuron {j} output");
                    }
        }, iter: 20, threads: 1);
    }

    private static void AssertWithin((double Lower, double Upper) bounds, double value, string what)
    {
        double slack = 1e-13 * (1 + Math.Abs(value));
        Assert.True(bounds.Lower - slack <= value && value <= bounds.Upper + slack, $"{what}: {value:R} outside [{bounds.Lower:R}, {bounds.Upper:R}]");
    }

    [Fact]
    public void Bounds_of_one_affine_layer_are_its_exact_extremes_rounded_outward()
    {
        Gen.Int[0, 1_000_000].Sample(seed =>
        {
            var r = RandomKey.FromSeed(seed).Stream();
            int n = (r.NextInt32(11) + 1), m = (r.NextInt32(4) + 1);
            var w = Enumerable.Range(0, n * m).Select(_ => r.NextNormal() * Math.Pow(10, (r.NextInt32(7) - 3))).ToArray();
            var b = Enumerable.Range(0, m).Select(_ => r.NextNormal()).ToArray();
            var box = RandomBox(r, n);
            var network = Network.Sequential(n, [(w, b, new IdentityActivation())]);
            var bounds = IntervalBounds.Compute(network, box);
            for (int j = 0; j < m; j++)
            {
                var (lo, hi) = bounds.PreActivation(0, j);
                var row = w.AsSpan(j * n, n);
                BigInteger exactMin = ExactAffineExtreme(row, b[j], box, minimum: true);
                BigInteger exactMax = ExactAffineExtreme(row, b[j], box, minimum: false);
                Assert.True(Scaled2(lo) <= exactMin, $"lower bound {lo:R} above the exact minimum");
                Assert.True(Scaled2(hi) >= exactMax, $"upper bound {hi:R} below the exact maximum");
                // Each of the 2n operations rounds outward by at most one ulp of its result.
                double magnitude = Math.Abs(b[j]);
                for (int k = 0; k < n; k++) magnitude += Math.Abs(row[k]) * Math.Max(Math.Abs(box.Lower[k]), Math.Abs(box.Upper[k]));
                BigInteger slack = Scaled2(2 * (n + 1) * magnitude * Math.ScaleB(1, -52));
                Assert.True(exactMin - Scaled2(lo) <= slack, $"lower bound {lo:R} is loose");
                Assert.True(Scaled2(hi) - exactMax <= slack, $"upper bound {hi:R} is loose");
            }
        }, iter: 200, threads: 1);
    }

    [Fact]
    public void Bounds_are_exact_when_the_arithmetic_is()
    {
        // Small integers: every product and sum is exact, so the bounds must equal the extremes over the corners.
        var r = RandomKey.FromSeed(5).Stream();
        for (int trial = 0; trial < 50; trial++)
        {
            int n = (r.NextInt32(6) + 1);
            var w = Enumerable.Range(0, n).Select(_ => (double)(r.NextInt32(11) - 5)).ToArray();
            double b = (r.NextInt32(19) - 9);
            var lower = Enumerable.Range(0, n).Select(_ => (double)(r.NextInt32(7) - 4)).ToArray();
            var upper = lower.Select(v => v + r.NextInt32(4)).ToArray();
            var bounds = IntervalBounds.Compute(Network.Sequential(n, [(w, new[] { b }, new IdentityActivation())]), new Box(lower, upper));
            double min = double.PositiveInfinity, max = double.NegativeInfinity;
            for (int corner = 0; corner < 1 << n; corner++)
            {
                double z = b;
                for (int k = 0; k < n; k++) z += w[k] * (((corner >> k) & 1) == 0 ? lower[k] : upper[k]);
                min = Math.Min(min, z);
                max = Math.Max(max, z);
            }
            Assert.Equal((min, max), bounds.PreActivation(0, 0));
        }
    }

    [Fact]
    public void Skip_connections_read_the_bounds_of_every_source()
    {
        // x ∈ [−1, 2]; layer 0: y = relu(2x − 1) with z ∈ [−3, 3], y ∈ [0, 3]; layer 1 reads x and y: x − y ∈ [−4, 2].
        var l0 = new Layer(1, 1, [2.0], [-1.0], new ReluActivation(), [0]);
        var l1 = new Layer(2, 1, [1.0, -1.0], [0.0], new IdentityActivation(), [0, 1]);
        var bounds = IntervalBounds.Compute(new Network(1, [l0, l1]), new Box([-1.0], [2.0]));
        Assert.Equal((-3.0, 3.0), bounds.PreActivation(0, 0));
        Assert.Equal((0.0, 3.0), bounds.Output(0, 0));
        Assert.Equal((-4.0, 2.0), bounds.PreActivation(1, 0));
    }

    [Fact]
    public void Masked_edges_contribute_nothing()
    {
        // Only x₀ is connected: the bound ignores x₁'s huge range.
        var layer = new Layer(2, 1, [3.0, 0.0], [1.0], new IdentityActivation(), [0], [true, false]);
        var bounds = IntervalBounds.Compute(new Network(2, [layer]), new Box([0.0, -1e6], [1.0, 1e6]));
        Assert.Equal((1.0, 4.0), bounds.PreActivation(0, 0));
    }

    public static TheoryData<string> ImageSpecs()
    {
        var data = TestNetworks.AllActivationSpecs();
        data.Add("elu(-0.5)");
        data.Add("leaky_relu(-0.3)");
        return data;
    }

    [Theory]
    [MemberData(nameof(ImageSpecs))]
    public void Activation_images_contain_every_value_and_are_tight(string spec)
    {
        var activation = ActivationCatalog.Parse(spec);
        var r = RandomKey.FromSeed(9).Stream();
        for (int trial = 0; trial < 200; trial++)
        {
            double a = r.NextNormal() * 3, width = r.NextDouble() * 4;
            var box = new Box([a], [a + width]);
            var network = Network.Sequential(1, [([1.0], [0.0], activation)]);
            var (lo, hi) = IntervalBounds.Compute(network, box).Output(0, 0);
            double min = double.PositiveInfinity, max = double.NegativeInfinity;
            for (int i = 0; i <= 2000; i++)
            {
                // The last grid point is the box's upper end itself: a + width·2000/2000 may round past it.
                double t = i == 2000 ? a + width : a + width * i / 2000;
                double v = activation.Value(t);
                Assert.True(lo <= v && v <= hi, $"{spec}({t:R}) = {v:R} outside [{lo:R}, {hi:R}]");
                min = Math.Min(min, v);
                max = Math.Max(max, v);
            }
            // A grid of step width/2000 misses an interior extreme by at most one step times the slope (≤ 1.1 here).
            double gap = 1.1 * width / 2000 + 1e-12;
            Assert.True(min - lo <= gap && hi - max <= gap, $"{spec} on [{a:R}, {a + width:R}]: [{lo:R}, {hi:R}] vs sampled [{min:R}, {max:R}]");
        }
    }

    [Fact]
    public void The_box_must_fit_the_network()
    {
        var network = TestNetworks.Dense("3-4-1", new ReluActivation(), 1);
        Assert.Throws<ArgumentException>(() => IntervalBounds.Compute(network, Box.Uniform(2, -1, 1)));
    }

    [Fact]
    public void Boxes_parse_one_interval_for_all_coordinates_or_one_per_coordinate()
    {
        Assert.Equal(new Box([-1.0, -1.0, -1.0], [1.0, 1.0, 1.0]), Box.Parse("-1,1", 3));
        Assert.Equal(new Box([-1.0, 0.0], [1.0, 2.5]), Box.Parse(" -1 , 1 ; 0,2.5 ", 2));
        Assert.Equal(new Box([1e-3], [1e3]), Box.Parse("1e-3,1e3", 1));
        foreach (var box in new[] { Box.Parse("-1,1", 3), Box.Parse("-1,1;0,2.5", 2), Box.Uniform(2, 0.1, 0.30000000000000004) })
            Assert.Equal(box, Box.Parse(box.ToString(), box.Dimension));
    }

    [Theory]
    [InlineData("-1,1;0,1", 3)]   // two intervals for three inputs
    [InlineData("1,-1", 2)]       // lo > hi
    [InlineData("-1", 2)]         // one number
    [InlineData("-1,1,2", 2)]     // three numbers
    [InlineData("a,1", 2)]        // not a number
    [InlineData("-inf,1", 2)]     // not finite
    [InlineData("NaN,1", 2)]      // not finite
    [InlineData("", 2)]           // empty
    public void Malformed_boxes_are_rejected(string text, int dimension)
    {
        var e = Assert.Throws<ArgumentException>(() => Box.Parse(text, dimension));
        Assert.Contains($"'{text}'", e.Message);
    }

    [Fact]
    public void Contains_tests_every_coordinate()
    {
        var box = Box.Parse("-1,1;0,2", 2);
        Assert.True(box.Contains([1.0, 0.0]));
        Assert.False(box.Contains([1.0, -0.1]));
        Assert.False(box.Contains([0.0, double.NaN]));
        Assert.False(box.Contains([0.0]));
    }

    // x·2¹⁰⁷⁴ as an integer (every finite double is an integer multiple of 2⁻¹⁰⁷⁴).
    private static BigInteger Scaled(double x)
    {
        if (x == 0) return BigInteger.Zero;
        long bits = BitConverter.DoubleToInt64Bits(x);
        int exponent = (int)((bits >> 52) & 0x7FF);
        long mantissa = bits & 0xF_FFFF_FFFF_FFFF;
        if (exponent == 0) exponent = 1; else mantissa |= 1L << 52;
        var magnitude = new BigInteger(mantissa) << (exponent - 1);
        return bits < 0 ? -magnitude : magnitude;
    }

    // x·2²¹⁴⁸, the scale of exact products.
    private static BigInteger Scaled2(double x) => Scaled(x) << 1074;

    // The exact min (or max) of b + Σ wₖxₖ over the box, scaled by 2²¹⁴⁸: each term at its best corner.
    private static BigInteger ExactAffineExtreme(ReadOnlySpan<double> w, double b, Box box, bool minimum)
    {
        BigInteger sum = Scaled2(b);
        for (int k = 0; k < w.Length; k++)
        {
            BigInteger atLower = Scaled(w[k]) * Scaled(box.Lower[k]), atUpper = Scaled(w[k]) * Scaled(box.Upper[k]);
            sum += minimum ? BigInteger.Min(atLower, atUpper) : BigInteger.Max(atLower, atUpper);
        }
        return sum;
    }
}
