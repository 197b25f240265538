using NetSym.Dimension;
using NetSym.Identifiability;
using NetSym.LinearAlgebra;
using NetSym.Networks;

namespace NetSym.Tests.Identifiability;

/// <summary>The worked check: 1-1-1 with (w1, b1, w2, b2) = (1, 0, 1, 0), bound 3.</summary>
public class WorkedExampleTests
{
    private static Network OneOneOne() =>
        Network.Sequential(1, [([1.0], [0.0], new ReluActivation()), ([1.0], [0.0], new IdentityActivation())]);

    [Theory]
    [InlineData(new[] { 1.0 }, 1, 1, IdentifiabilityVerdict.NotIdentifiable)]
    [InlineData(new[] { 1.0, 2.0, 3.0 }, 2, 2, IdentifiabilityVerdict.NotIdentifiable)]
    [InlineData(new[] { -1.0, 1.0, 2.0 }, 3, 3, IdentifiabilityVerdict.Identifiable)]
    public void The_worked_example_has_the_known_ranks_and_verdicts(double[] xs, int rGamma, int rA, IdentifiabilityVerdict verdict)
    {
        var x = new Matrix(xs.Length, 1, xs);
        foreach (var method in new[] { RankMethod.Exact, RankMethod.Float })
        {
            var result = LocalIdentifiability.Check(OneOneOne(), x, LinearAlgebraBackends.Default, new IdentifiabilityOptions { Method = method });
            Assert.Equal(3, result.Bound);
            Assert.Equal(rGamma, result.RGamma);
            Assert.Equal(rA, result.RA);
            Assert.Equal(verdict, result.Verdict);
            Assert.Equal(verdict == IdentifiabilityVerdict.Identifiable ? IdentifiabilityConditionKind.Sufficient : IdentifiabilityConditionKind.Necessary, result.DecidedBy);
            // Exact ranks certify both outcomes here: C_S reaches the bound, or R_Γ reaches the pattern bound on R_A.
            Assert.Equal(method == RankMethod.Exact, result.Certified);
        }
    }
}
