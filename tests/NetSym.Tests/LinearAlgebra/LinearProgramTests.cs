using NetSym.LinearAlgebra;

namespace NetSym.Tests.LinearAlgebra;

/// <summary>
/// The simplex solver against polyhedra whose Chebyshev centres are known in closed form, and against
/// empty ones (a region whose constraints contradict each other must be reported empty, not given a point).
/// </summary>
public class LinearProgramTests
{
    [Fact]
    public void UnitSquareHasItsCentreAtTheMiddleWithRadiusOneHalf()
    {
        // 0 ≤ x ≤ 1, 0 ≤ y ≤ 1 written as A x ≤ b.
        double[][] a = [[1, 0], [-1, 0], [0, 1], [0, -1]];
        double[] b = [1, 0, 1, 0];
        var result = LinearProgram.ChebyshevCentre(a, b, 10);
        Assert.NotNull(result);
        Assert.Equal(0.5, result.Value.Radius, 9);
        Assert.Equal(0.5, result.Value.Centre[0], 9);
        Assert.Equal(0.5, result.Value.Centre[1], 9);
    }

    [Fact]
    public void ShiftedTriangleRadiusMatchesTheInradius()
    {
        // The right triangle x ≥ 2, y ≥ −3, x + y ≤ 3 has legs 4, so its inradius is (4 + 4 − 4√2)/2.
        double[][] a = [[-1, 0], [0, -1], [1, 1]];
        double[] b = [-2, 3, 3];
        var result = LinearProgram.ChebyshevCentre(a, b, 100);
        Assert.NotNull(result);
        var inradius = (4 + 4 - 4 * Math.Sqrt(2)) / 2;
        Assert.Equal(inradius, result.Value.Radius, 9);
        var (centre, radius) = result.Value;
        for (var i = 0; i < a.Length; i++)
            Assert.True(a[i][0] * centre[0] + a[i][1] * centre[1] <= b[i] - radius + 1e-9);
    }

    [Fact]
    public void ContradictoryHalfPlanesAreEmptyAndAHyperplaneHasNoInterior()
    {
        double[][] a = [[1, 0], [-1, 0]];
        Assert.Null(LinearProgram.ChebyshevCentre(a, [-1, 0], 5));
        var flat = LinearProgram.ChebyshevCentre(a, [1, -1], 5);
        Assert.NotNull(flat);
        Assert.Equal(0, flat.Value.Radius, 9);
    }

    [Fact]
    public void UnboundedRegionIsCappedAtTheGivenRadius()
    {
        double[][] a = [[1, 1]];
        var result = LinearProgram.ChebyshevCentre(a, [-7], 3);
        Assert.NotNull(result);
        Assert.Equal(3, result.Value.Radius, 9);
        Assert.True(result.Value.Centre[0] + result.Value.Centre[1] <= -7 - 3 * Math.Sqrt(2) + 1e-9);
    }
}
