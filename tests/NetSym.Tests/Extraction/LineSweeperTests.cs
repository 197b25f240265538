using NetSym.Extraction;
using NetSym.LinearAlgebra;

namespace NetSym.Tests.Extraction;

/// <summary>The line sweeper on hand-made one-dimensional functions: every kink found, to rounding, and nothing else.</summary>
public class LineSweeperTests
{
    private static readonly SearchLine Axis = new([0.0], [1.0]);

    /// <summary>g(t) = c + s·t + Σ a_k·|t − k_k|, an oracle of one input and one output.</summary>
    private static CountingOracle PiecewiseLinear(double[] kinks, double[] jumps, double slope = 0.3, double constant = 1) =>
        CountingOracle.Create(new DelegateOracle(1, 1, x =>
        {
            var y = new Matrix(x.Rows, 1);
            for (int r = 0; r < x.Rows; r++)
            {
                double t = x[r, 0], g = constant + slope * t;
                for (int k = 0; k < kinks.Length; k++) g += jumps[k] * Math.Abs(t - kinks[k]);
                y[r, 0] = g;
            }
            return y;
        }), "g", new OracleOptions());

    private static SweptLine Sweep(CountingOracle oracle, double half = 1000) =>
        new LineSweeper(oracle, new Scalarizer([1.0]), new QueryLabel(ExtractionStage.Sweep, 1)).Sweep(Axis, half);

    [Theory]
    [InlineData(new[] { 0.25 }, new[] { 1.0 })]
    [InlineData(new[] { -3.0, -1.0, 0.5, 2.0, 7.5 }, new[] { 0.4, -0.7, 0.2, 1.1, -0.3 })]
    [InlineData(new[] { -400.0, 0.1, 0.101, 300.0 }, new[] { 0.05, -0.5, 0.6, 0.02 })]
    [InlineData(new[] { -2.0, 2.0 }, new[] { 0.5, -0.5 })]
    public void FindsEveryKinkAndNothingElse(double[] kinks, double[] jumps)
    {
        var oracle = PiecewiseLinear(kinks, jumps);
        var swept = Sweep(oracle);
        Assert.False(swept.Exhausted);
        Assert.Equal(0, swept.Unresolved);
        Assert.Equal(kinks.Length, swept.Kinks.Length);
        for (int k = 0; k < kinks.Length; k++) Assert.Equal(kinks[k], swept.Kinks[k], 1e-9 * (1 + Math.Abs(kinks[k])));
        Assert.Equal(oracle.Ledger.Total, oracle.Ledger.Count(new QueryLabel(ExtractionStage.Sweep, 1)));
    }

    [Fact]
    public void AnAffineFunctionCostsFourQueriesAndHasNoKink()
    {
        var oracle = PiecewiseLinear([], []);
        var swept = Sweep(oracle);
        Assert.Empty(swept.Kinks);
        Assert.Equal(4, oracle.Ledger.Total);
    }

    [Fact]
    public void ASmoothFunctionExhaustsTheLine()
    {
        var oracle = CountingOracle.Create(new DelegateOracle(1, 1, x =>
        {
            var y = new Matrix(x.Rows, 1);
            for (int r = 0; r < x.Rows; r++) y[r, 0] = Math.Tanh(x[r, 0]) + 0.01 * x[r, 0] * x[r, 0];
            return y;
        }), "smooth", new OracleOptions());
        var swept = Sweep(oracle, 10);
        Assert.True(swept.Exhausted);
    }
}
