using NetSym.Extraction;
using NetSym.LinearAlgebra;

namespace NetSym.Tests.Extraction;

/// <summary>The six-query kink probe on hand-made one-dimensional functions: one kink located to rounding, anything else refused.</summary>
public class KinkProbeTests
{
    private static readonly SearchLine Axis = new([0.0], [1.0]);

    /// <summary>g(t) = 1 + 0.3·t + Σ a_k·|t − k_k|.</summary>
    private static KinkProbe Probe(double[] kinks, double[] jumps) =>
        new(CountingOracle.Create(new DelegateOracle(1, 1, x =>
        {
            var y = new Matrix(x.Rows, 1);
            for (int r = 0; r < x.Rows; r++)
            {
                double t = x[r, 0], g = 1 + 0.3 * t;
                for (int k = 0; k < kinks.Length; k++) g += jumps[k] * Math.Abs(t - kinks[k]);
                y[r, 0] = g;
            }
            return y;
        }), "g", new OracleOptions()), new Scalarizer([1.0]), new QueryLabel(ExtractionStage.Refinement, 1));

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.013)]
    [InlineData(-0.11)]
    public void OneKinkIsLocatedToRounding(double kink)
    {
        double t = Probe([kink], [0.4]).Locate(Axis, 0.25, out double error);
        Assert.Equal(kink, t, 1e-13);
        Assert.True(error < 1e-12, $"error bound {error}");
    }

    [Fact]
    public void NoKinkIsReportedAsNone() => Assert.True(double.IsNaN(Probe([], []).Locate(Axis, 0.25, out _)));

    [Theory]
    [InlineData(0.01, 0.012)]
    [InlineData(-0.05, 0.05)]
    [InlineData(0.0, 0.2)]
    public void TwoKinksAreRefused(double first, double second) =>
        Assert.True(double.IsPositiveInfinity(Probe([first, second], [0.4, -0.7]).Locate(Axis, 0.25, out _)));

    [Fact]
    public void AKinkOutsideTheMiddleHalfIsRefused() => Assert.True(double.IsPositiveInfinity(Probe([0.2], [0.4]).Locate(Axis, 0.25, out _)));
}
