using NetSym.Extraction;
using NetSym.LinearAlgebra;

namespace NetSym.Tests.Extraction;

/// <summary>Every answer is checked: a wrong shape, NaN or infinity is one OracleException naming the oracle and the problem.</summary>
public class OracleAnswerCheckTests
{
    private static readonly QueryLabel Label = new(ExtractionStage.Signatures, 2);

    private static OracleException Fails(Func<Matrix, Matrix> answer, OracleOptions? options = null)
    {
        var oracle = CountingOracle.Create(new DelegateOracle(3, 2, answer), "'my oracle'", options ?? new OracleOptions());
        var e = Assert.Throws<OracleException>(() => oracle.Query(Label, new Matrix(4, 3)));
        Assert.Equal("'my oracle'", e.Oracle);
        Assert.StartsWith("oracle 'my oracle': ", e.Message);
        // The rows were handed on, so they stay counted.
        Assert.Equal(4, oracle.Ledger.Total);
        return e;
    }

    private static Matrix Good(Matrix x) => new(x.Rows, 2);

    [Fact]
    public void TooFewRows() => Assert.Contains("answered 3 rows for 4 inputs", Fails(x => new Matrix(3, 2)).Message);

    [Fact]
    public void TooManyRows() => Assert.Contains("answered 5 rows for 4 inputs", Fails(x => new Matrix(5, 2)).Message);

    [Fact]
    public void WrongNumberOfOutputs() => Assert.Contains("answered 1 outputs per row, expected 2", Fails(x => new Matrix(x.Rows, 1)).Message);

    [Fact]
    public void Nothing() => Assert.Contains("answered nothing", Fails(x => null!).Message);

    [Theory]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "infinity")]
    [InlineData(double.NegativeInfinity, "infinity")]
    public void NonFiniteOutput(double value, string named)
    {
        var e = Fails(x =>
        {
            var y = Good(x);
            y[2, 1] = value;
            return y;
        });
        Assert.Contains($"answered {named} at row 2, output 1", e.Message);
    }

    [Fact]
    public void AFloat32OverflowIsCaughtToo()
    {
        var e = Fails(x =>
        {
            var y = Good(x);
            y[0, 0] = 1e300;
            return y;
        }, new OracleOptions { Float32Outputs = true });
        Assert.Contains("infinity at row 0, output 0", e.Message);
    }

    [Fact]
    public void AnOracleWithoutInputsOrOutputsIsRefused() =>
        Assert.Throws<ArgumentException>(() => CountingOracle.Create(new DelegateOracle(3, 0, Good), "x", new OracleOptions()));
}
