using NetSym.Extraction;
using NetSym.LinearAlgebra;
using NetSym.Networks;
using NetSym.Randomness;

namespace NetSym.Tests.Extraction;

/// <summary>
/// The tracer, given the exact first layer at arbitrary orientations, recovers a second-layer unit from
/// one of its kinks: the pre-activation as a linear function of the features [ReLU(ẑ₁); x; 1].
/// </summary>
public class SurfaceTracerTests
{
    [Theory]
    [InlineData("3-5-2-1", 1, 0, false)]
    [InlineData("4-6-3-2", 2, 2, false)]
    [InlineData("4-6-3-2", 2, 2, true)]
    [InlineData("5-8-6-1", 3, 1, true)]
    public void TracesASecondLayerUnitFromOneKink(string architecture, long seed, int unit, bool othersKnown)
    {
        var truth = DeepTruth.Create(architecture, seed);
        var random = RandomKey.FromSeed(seed).Split("tracer test").Stream();
        var prefix = FlippedFirstLayer(truth);
        var (witness, normal) = Kink(truth, 1, unit, random);
        // The other units of the layer, when known, are surfaces the walk crosses and checks it goes on straight across.
        Hyperplane[] known = othersKnown
            ? [.. Enumerable.Range(0, truth.Layers[1].OutputSize).Where(j => j != unit).Select(j => InFeatures(prefix, truth, j, random))]
            : [];

        var traced = Tracer(truth, out _).Trace(prefix, known, witness, normal, random);
        Assert.NotNull(traced);
        var exact = InFeatures(prefix, truth, unit, random);
        double[] expected = [.. exact.Normal, exact.Bias];
        double[] found = [.. traced.Normal, traced.Bias];
        double cosine = Dot(expected, found) / Math.Sqrt(Dot(expected, expected) * Dot(found, found));
        Assert.True(1 - Math.Abs(cosine) < 1e-9, $"1 − |cos| = {1 - Math.Abs(cosine)}");
    }

    /// <summary>
    /// A kink of a third-layer unit, traced over the first layer with the second layer known: its surface
    /// bends where it meets a second-layer unit, and the trace gives it up there, at a fraction of the
    /// queries of the walk that does not know the second layer and fails at those bends until it gives up.
    /// </summary>
    [Theory]
    [InlineData("6-8-4-3-1", 4, 0)]
    [InlineData("6-8-4-3-1", 5, 2)]
    [InlineData("8-10-5-4-1", 6, 1)]
    public void AThirdLayerKinkIsGivenUpWhereItBendsAtAKnownUnitOfTheLayerSearched(string architecture, long seed, int unit)
    {
        var truth = DeepTruth.Create(architecture, seed);
        var random = RandomKey.FromSeed(seed).Split("tracer test").Stream();
        var prefix = FlippedFirstLayer(truth);
        var (witness, normal) = Kink(truth, 2, unit, random);
        Hyperplane[] second = [.. Enumerable.Range(0, truth.Layers[1].OutputSize).Select(j => InFeatures(prefix, truth, j, random))];

        var unaware = Tracer(truth, out var unawareOracle).Trace(prefix, [], witness, normal, RandomKey.FromSeed(seed).Split("walk").Stream());
        var aware = Tracer(truth, out var awareOracle).Trace(prefix, second, witness, normal, RandomKey.FromSeed(seed).Split("walk").Stream());
        Assert.Null(aware);
        long spent = awareOracle.Ledger.Total, unawareSpent = unawareOracle.Ledger.Total;
        Assert.True(spent * 4 < unawareSpent, $"{spent} queries with the layer known, {unawareSpent} without ({(unaware is null ? "given up" : "an estimate")})");
    }

    /// <summary>The first layer at unit length, every other unit flipped: the tracer must not need the signs.</summary>
    private static NetworkPrefix FlippedFirstLayer(Network truth)
    {
        var first = truth.Layers[0];
        int d = truth.InputSize, n = first.OutputSize;
        var planes = new Hyperplane[n];
        for (int j = 0; j < n; j++)
        {
            var w = first.Weights.Slice(j * d, d).ToArray();
            double norm = Math.Sqrt(w.Sum(v => v * v)), sign = j % 2 == 0 ? 1 : -1;
            planes[j] = new Hyperplane([.. w.Select(v => sign * v / norm)], sign * first.Bias[j] / norm);
        }
        return new NetworkPrefix(d, [planes]);
    }

    private static SurfaceTracer Tracer(Network truth, out CountingOracle oracle)
    {
        oracle = CountingOracle.Create(new NetworkOracle(truth), "truth", new OracleOptions());
        var scalarizer = new Scalarizer([.. Enumerable.Repeat(1.0, truth.OutputSize)]);
        var label = new QueryLabel(ExtractionStage.Following, 2);
        return new SurfaceTracer(new LineSweeper(oracle, scalarizer, label), new KinkProbe(oracle, scalarizer, label),
            new GradientProbe(oracle, label), 1e-12, 1);
    }

    /// <summary>Second-layer unit <paramref name="unit"/> over the prefix's features: z₂ is exactly linear in [ReLU(ẑ₁); x; 1].</summary>
    private static Hyperplane InFeatures(NetworkPrefix prefix, Network truth, int unit, RandomStream random)
    {
        var inputs = OracleTestData.Normal(random, 60 + prefix.FeatureSize, truth.InputSize);
        var features = new Matrix(inputs.Rows, prefix.FeatureSize + 1);
        var target = new Matrix(inputs.Rows, 1);
        for (int r = 0; r < inputs.Rows; r++)
        {
            prefix.At(inputs.Row(r)).Features.CopyTo(features.Row(r));
            features[r, prefix.FeatureSize] = 1;
            target[r, 0] = PreActivations(truth, 1, inputs.Row(r))[unit];
        }
        var exact = LeastSquares.Solve(features, target).Solution;
        return Hyperplane.Scaled([.. Enumerable.Range(0, prefix.FeatureSize).Select(k => exact[k, 0])], exact[prefix.FeatureSize, 0]);
    }

    /// <summary>A point where unit <paramref name="unit"/> of layer <paramref name="layer"/> (from 0) switches, by bisection on a random line, and its gradient there.</summary>
    private static (double[] Point, double[] Normal) Kink(Network truth, int layer, int unit, RandomStream random)
    {
        int d = truth.InputSize;
        double Z(double[] x) => PreActivations(truth, layer, x)[unit];
        while (true)
        {
            var line = SearchLine.Random(d, 1, random);
            double lo = -3, hi = 3;
            if (Math.Sign(Z(line.At(lo))) == Math.Sign(Z(line.At(hi)))) continue;
            for (int step = 0; step < 200; step++)
            {
                double mid = (lo + hi) / 2;
                if (Math.Sign(Z(line.At(mid))) == Math.Sign(Z(line.At(lo)))) lo = mid;
                else hi = mid;
            }
            var point = line.At((lo + hi) / 2);
            var gradient = new double[d];
            for (int i = 0; i < d; i++)
            {
                var shifted = (double[])point.Clone();
                shifted[i] += 1e-7;
                gradient[i] = (Z(shifted) - Z(point)) / 1e-7;
            }
            double norm = Math.Sqrt(Dot(gradient, gradient));
            return (point, [.. gradient.Select(g => g / norm)]);
        }
    }

    /// <summary>The pre-activations of layer <paramref name="layer"/> (from 0) of the truth at x.</summary>
    private static double[] PreActivations(Network truth, int layer, ReadOnlySpan<double> x)
    {
        var h = x.ToArray();
        for (int l = 0; ; l++)
        {
            var weights = truth.Layers[l];
            var z = new double[weights.OutputSize];
            for (int j = 0; j < z.Length; j++)
            {
                z[j] = weights.Bias[j];
                for (int i = 0; i < h.Length; i++) z[j] += weights.Weights[j * h.Length + i] * h[i];
            }
            if (l == layer) return z;
            h = [.. z.Select(v => Math.Max(0, v))];
        }
    }

    private static double Dot(double[] a, double[] b) => a.Zip(b, (u, v) => u * v).Sum();
}
