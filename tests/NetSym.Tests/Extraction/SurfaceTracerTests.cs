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
    [InlineData("3-5-2-1", 1, 0)]
    [InlineData("4-6-3-2", 2, 2)]
    public void TracesASecondLayerUnitFromOneKink(string architecture, long seed, int unit)
    {
        var truth = DeepTruth.Create(architecture, seed);
        var first = truth.Layers[0];
        int d = truth.InputSize, n = first.OutputSize;
        var random = RandomKey.FromSeed(seed).Split("tracer test").Stream();
        // The first layer at unit length, every other unit flipped: the tracer must not need the signs.
        var planes = new Hyperplane[n];
        for (int j = 0; j < n; j++)
        {
            var w = first.Weights.Slice(j * d, d).ToArray();
            double norm = Math.Sqrt(w.Sum(v => v * v)), sign = j % 2 == 0 ? 1 : -1;
            planes[j] = new Hyperplane([.. w.Select(v => sign * v / norm)], sign * first.Bias[j] / norm);
        }
        var prefix = new NetworkPrefix(d, [planes]);
        var (witness, normal) = Kink(truth, unit, random);

        var oracle = CountingOracle.Create(new NetworkOracle(truth), "truth", new OracleOptions());
        var scalarizer = new Scalarizer([.. Enumerable.Repeat(1.0, truth.OutputSize)]);
        var label = new QueryLabel(ExtractionStage.Following, 2);
        var tracer = new SurfaceTracer(new LineSweeper(oracle, scalarizer, label), new KinkProbe(oracle, scalarizer, label),
            new GradientProbe(oracle, label), 1e-12, 1);
        var traced = tracer.Trace(prefix, [], witness, normal, random);
        Assert.NotNull(traced);

        // The truth in the same features: z₂ is exactly linear in [ReLU(ẑ₁); x; 1].
        var inputs = OracleTestData.Normal(random, 60, d);
        var features = new Matrix(inputs.Rows, prefix.FeatureSize + 1);
        var target = new Matrix(inputs.Rows, 1);
        for (int r = 0; r < inputs.Rows; r++)
        {
            prefix.At(inputs.Row(r)).Features.CopyTo(features.Row(r));
            features[r, prefix.FeatureSize] = 1;
            target[r, 0] = SecondLayer(truth, inputs.Row(r))[unit];
        }
        var exact = LeastSquares.Solve(features, target).Solution;
        double[] expected = [.. Enumerable.Range(0, exact.Rows).Select(k => exact[k, 0])];
        double[] found = [.. traced.Normal, traced.Bias];
        double cosine = Dot(expected, found) / Math.Sqrt(Dot(expected, expected) * Dot(found, found));
        Assert.True(1 - Math.Abs(cosine) < 1e-9, $"1 − |cos| = {1 - Math.Abs(cosine)}");
    }

    /// <summary>A point where second-layer unit <paramref name="unit"/> switches, by bisection on a random line, and its gradient there.</summary>
    private static (double[] Point, double[] Normal) Kink(Network truth, int unit, RandomStream random)
    {
        int d = truth.InputSize;
        while (true)
        {
            var line = SearchLine.Random(d, 1, random);
            double lo = -3, hi = 3;
            if (Math.Sign(SecondLayer(truth, line.At(lo))[unit]) == Math.Sign(SecondLayer(truth, line.At(hi))[unit])) continue;
            for (int step = 0; step < 200; step++)
            {
                double mid = (lo + hi) / 2;
                if (Math.Sign(SecondLayer(truth, line.At(mid))[unit]) == Math.Sign(SecondLayer(truth, line.At(lo))[unit])) lo = mid;
                else hi = mid;
            }
            var point = line.At((lo + hi) / 2);
            var gradient = new double[d];
            for (int i = 0; i < d; i++)
            {
                var shifted = (double[])point.Clone();
                shifted[i] += 1e-7;
                gradient[i] = (SecondLayer(truth, shifted)[unit] - SecondLayer(truth, point)[unit]) / 1e-7;
            }
            double norm = Math.Sqrt(Dot(gradient, gradient));
            return (point, [.. gradient.Select(g => g / norm)]);
        }
    }

    private static double[] SecondLayer(Network truth, ReadOnlySpan<double> x)
    {
        var (first, second) = (truth.Layers[0], truth.Layers[1]);
        var h = new double[first.OutputSize];
        for (int j = 0; j < h.Length; j++)
        {
            double z = first.Bias[j];
            for (int i = 0; i < x.Length; i++) z += first.Weights[j * x.Length + i] * x[i];
            h[j] = Math.Max(0, z);
        }
        var z2 = new double[second.OutputSize];
        for (int j = 0; j < z2.Length; j++)
        {
            z2[j] = second.Bias[j];
            for (int i = 0; i < h.Length; i++) z2[j] += second.Weights[j * h.Length + i] * h[i];
        }
        return z2;
    }

    private static double Dot(double[] a, double[] b) => a.Zip(b, (u, v) => u * v).Sum();
}
