using NetSym.Identifiability;
using NetSym.LinearAlgebra;
using NetSym.Networks;
using NetSym.Randomness;
using NetSym.Networks.Discovery;

namespace NetSym.Tests.Identifiability;

public class TanhTypeTests
{
    [Theory]
    [InlineData("tanh")]
    [InlineData("sigmoid")]
    public void TanhAndTheSigmoidAreProvedByThePapers(string name)
    {
        var result = TanhTypeTest.Check(ActivationCatalog.Parse(name));
        Assert.Equal(TanhTypeVerdict.ProvedByPapers, result.Verdict);
        Assert.All(result.Conditions.Where(c => c.Key != "real_analytic"), c => Assert.Equal(ConditionOutcome.Holds, c.Outcome));
    }

    [Fact]
    public void TheSigmoidIsTheStatedReparameterisationOfTanh()
    {
        // The closed form the sigmoid's verdict rests on: σ(x) = ½ + ½·tanh(x/2).
        var sigmoid = new SigmoidActivation();
        var tanh = new TanhActivation();
        var random = new RandomKey(11).Stream();
        for (int i = 0; i < 200; i++)
        {
            double x = (random.NextDouble() - 0.5) * 60;
            Assert.Equal(sigmoid.Value(x), 0.5 + 0.5 * tanh.Value(x / 2), 1e-15);
        }
    }

    [Theory]
    [InlineData("identity", "nonlinear")]
    [InlineData("relu", "no_linear_pair")]
    [InlineData("leaky_relu(0.1)", "no_linear_pair")]
    [InlineData("softplus", "no_linear_pair")]
    [InlineData("gelu", "no_linear_pair")]
    public void NecessaryConditionsRuleOut(string name, string failing)
    {
        var rho = ActivationCatalog.Parse(name);
        var result = TanhTypeTest.Check(rho);
        Assert.Equal(TanhTypeVerdict.NotTanhType, result.Verdict);
        var first = result.Conditions.First(c => c.Outcome == ConditionOutcome.Fails);
        Assert.Equal(failing, first.Key);
        Assert.Contains(first.Detail, result.Reason);
    }

    [Theory]
    [InlineData("relu")]
    [InlineData("softplus")]
    [InlineData("gelu")]
    public void AReportedLinearPairHoldsAtPointsOffTheGrid(string name)
    {
        var rho = ActivationCatalog.Parse(name);
        var pair = ZeroNetworkFamilies.LinearPairs(rho, TanhTypeTest.GridTolerance).Pairs.First(p => p.Collapses);
        double sign = pair.Kind == LinearPairKind.Difference ? -1 : 1;
        var random = new RandomKey(5).Stream();
        for (int i = 0; i < 100; i++)
        {
            double x = (random.NextDouble() - 0.5) * 50;
            double lhs = rho.Value(x) + sign * rho.Value(-x);
            Assert.Equal(pair.Slope * x + pair.Intercept, lhs, 1e-12 * Math.Max(1, Math.Abs(x)));
        }
    }

    [Fact]
    public void TheLinearPairConditionClaimsNothingWhereTheFitHasNoData()
    {
        // max(x − 100, 0) is 0 on all of [−16, 16], where the pairs are fitted (it bends at 100): no fit, so no claim.
        var rho = ExpressionActivation.TryCreate("max(x - 100, 0)", out string? error) ?? throw new InvalidOperationException(error);
        var condition = TanhTypeTest.Check(rho).Conditions.Single(c => c.Key == "no_linear_pair");
        Assert.Equal(ConditionOutcome.Undecided, condition.Outcome);
        Assert.Contains("constant", condition.Detail);
        // Nor is it affine: the line fitted on [−30, 30] misses it far out.
        Assert.Equal(ConditionOutcome.Holds, TanhTypeTest.Check(rho).Conditions.Single(c => c.Key == "nonlinear").Outcome);
        var line = ExpressionActivation.TryCreate("2*x + 1", out error) ?? throw new InvalidOperationException(error);
        Assert.Equal(ConditionOutcome.Fails, TanhTypeTest.Check(line).Conditions.Single(c => c.Key == "nonlinear").Outcome);
    }

    [Fact]
    public void ANonlinearityWithoutLinearPairOrTanhFormIsUndecided()
    {
        // ELU: not affine, ρ(x) ± ρ(−x) not affine, unbounded above, so nothing NetSym checks decides it.
        var result = TanhTypeTest.Check(ActivationCatalog.Parse("elu"));
        Assert.Equal(TanhTypeVerdict.Undecided, result.Verdict);
        Assert.Equal(ConditionOutcome.Fails, result.Conditions.Single(c => c.Key == "tanh_form").Outcome);
    }

    [Fact]
    public void AnUnknownTanhFormIsFoundNumerically()
    {
        var result = TanhTypeTest.Check(new ScaledTanhActivation());
        Assert.Equal(TanhTypeVerdict.CheckedNumerically, result.Verdict);
        // The fit recovers the planted (a, b, c, d) = (3, 0.5, 2, 1).
        Assert.Contains("(3, 0.5, 2, 1)", result.Conditions.Single(c => c.Key == "tanh_form").Detail);
        Assert.Equal(ConditionOutcome.Undecided, result.Conditions.Single(c => c.Key == "real_analytic").Outcome);
    }

    [Fact]
    public void ABoundedOddNonlinearityThatIsNoTanhFormIsUndecided()
    {
        var result = TanhTypeTest.Check(new ArctanActivation());
        Assert.Equal(TanhTypeVerdict.Undecided, result.Verdict);
        Assert.Equal(ConditionOutcome.Fails, result.Conditions.Single(c => c.Key == "tanh_form").Outcome);
    }

    [Fact]
    public void AZeroNetworkWitnessRulesOutAnActivationWithoutLinearPair()
    {
        // hardtanh passes the grid conditions; the clip-triangle network realising 0 rules it out.
        var rho = ActivationCatalog.Parse("hardtanh");
        var search = ZeroFunctionSearch.Run(rho, new ZeroSearchOptions { Starts = 0 }, new RandomKey(1), LinearAlgebraBackends.Default);
        var result = TanhTypeTest.Check(rho, search);
        Assert.Equal(TanhTypeVerdict.NotTanhType, result.Verdict);
        Assert.Equal(ConditionOutcome.Holds, result.Conditions.Single(c => c.Key == "no_linear_pair").Outcome);
        Assert.Equal(ConditionOutcome.Fails, result.Conditions.Single(c => c.Key == "no_zero_network").Outcome);
    }

    [Fact]
    public void ASearchForAnotherActivationIsRefused()
    {
        var search = ZeroFunctionSearch.Run(new ReluActivation(), new ZeroSearchOptions { Starts = 0 }, new RandomKey(1), LinearAlgebraBackends.Default);
        Assert.Throws<ArgumentException>(() => TanhTypeTest.Check(new TanhActivation(), search));
    }
}
