using NetSym.Extraction;
using NetSym.LinearAlgebra;
using NetSym.Networks;
using NetSym.Randomness;

namespace NetSym.Tests.Extraction;

/// <summary>
/// Where the extractor draws: without a box exactly the Gaussian inputs and lines it always drew; in a box
/// uniform inputs, inputs near its corners, chords from face to face, and crossings of a first-layer
/// surface, every one inside it.
/// </summary>
public class SearchSpaceTests
{
    private static RandomStream Stream(long seed) => RandomKey.FromSeed(seed).Split("search space test").Stream();

    private static readonly Box Box = new([-1.0, 0.0, 2.0, 0.0, -3.0], [1.0, 0.5, 6.0, 1.0, -2.0]);

    [Fact]
    public void WithoutABoxTheDrawsAreGaussianAtTheScaleAndTheLinesRandom()
    {
        var space = SearchSpace.Unbounded(4, 2.5);
        var drawn = space.Draw(3, 4, Stream(1));
        var random = Stream(1);
        foreach (double x in drawn.Data) Assert.Equal(4 * 2.5 * random.NextNormal(), x);
        var (line, half) = space.Line(1, 1000, Stream(2));
        var expected = SearchLine.Random(4, 2.5, Stream(2));
        Assert.Equal(expected.Origin, line.Origin);
        Assert.Equal(expected.Direction, line.Direction);
        Assert.Equal(1000, half);
        Assert.Equal(double.PositiveInfinity, space.Room([0, 0, 0, 0], [1, 0, 0, 0]));
        Assert.Null(space.Across(new Hyperplane([1, 0, 0, 0], 0), Stream(3)));
    }

    [Fact]
    public void InABoxTheDrawsAreInsideItAndFarOnesNearItsCorners()
    {
        var space = SearchSpace.Within(Box);
        var uniform = space.Draw(500, 1, Stream(4));
        var far = space.Draw(500, 10, Stream(5));
        for (int r = 0; r < 500; r++)
        {
            Assert.True(Box.Contains(uniform.Row(r)));
            Assert.True(Box.Contains(far.Row(r)));
            for (int i = 0; i < Box.Dimension; i++)
            {
                double side = Box.Upper[i] - Box.Lower[i];
                Assert.True(Math.Min(far[r, i] - Box.Lower[i], Box.Upper[i] - far[r, i]) <= 0.1 * side);
            }
        }
        // Uniform: about half of each coordinate's draws fall in the middle half of its side.
        for (int i = 0; i < Box.Dimension; i++)
        {
            double lower = Box.Lower[i], side = Box.Upper[i] - lower;
            int middle = Enumerable.Range(0, 500).Count(r => Math.Abs(uniform[r, i] - lower - side / 2) < side / 4);
            Assert.InRange(middle, 200, 300);
        }
        // The root mean square of the sides: 2, 0.5, 4, 1, 1.
        Assert.Equal(Math.Sqrt((4 + 0.25 + 16 + 1 + 1) / 5.0), space.Scale, 12);
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(10.0)]
    public void AChordRunsFromFaceToFaceInsideTheBox(double spread)
    {
        var space = SearchSpace.Within(Box);
        var random = Stream(6);
        for (int k = 0; k < 200; k++)
        {
            var (line, half) = k % 2 == 0 ? space.Line(spread, 1000, random) : space.Through(space.Draw(1, 1, random).Row(0).ToArray(), 1000, random);
            Assert.True(half > 0);
            foreach (double t in (ReadOnlySpan<double>)[-half, -half / 3, 0, half / 2, half])
                Assert.True(Box.Contains(line.At(t)), $"chord {k} leaves the box at t = {t}");
            // Its ends lie on faces, a hair inside: 1e−6 of the chord further and it would leave.
            foreach (double end in (ReadOnlySpan<double>)[-half, half])
            {
                var beyond = line.At(end * (1 + 1e-5));
                Assert.False(Box.Contains(beyond), $"chord {k} stops short of a face");
            }
        }
    }

    [Fact]
    public void ThroughAPointTheChordPassesThroughIt()
    {
        var space = SearchSpace.Within(Box);
        var random = Stream(7);
        var point = space.Draw(1, 1, random).Row(0).ToArray();
        var (line, half) = space.Through(point, 1000, random);
        // The point's parameter along the chord, and the chord there.
        double t = PrefixPoint.Dot([.. point.Select((v, i) => v - line.Origin[i])], line.Direction);
        Assert.InRange(t, -half, half);
        var at = line.At(t);
        for (int i = 0; i < point.Length; i++) Assert.Equal(point[i], at[i], 12);
    }

    [Fact]
    public void AcrossGivesAPointOnTheSurfaceInsideTheBoxEvenWhenTheSurfaceCutsOffACorner()
    {
        var space = SearchSpace.Within(Box);
        var random = Stream(8);
        double[] w = [0.3, -0.5, 0.2, 0.6, -0.4];
        double high = 0;
        for (int i = 0; i < w.Length; i++) high += Math.Max(w[i] * Box.Lower[i], w[i] * Box.Upper[i]);
        // On only within 2 % of its range of the corner where z is highest.
        double low = 0;
        for (int i = 0; i < w.Length; i++) low += Math.Min(w[i] * Box.Lower[i], w[i] * Box.Upper[i]);
        var unit = Hyperplane.Scaled(w, -(high - 0.02 * (high - low)));
        for (int k = 0; k < 100; k++)
        {
            var (point, direction) = space.Across(unit, random)!.Value;
            Assert.True(Box.Contains(point));
            Assert.True(Math.Abs(unit.Value(point)) <= 1e-12 * (high - low), $"z = {unit.Value(point)}");
            Assert.True(PrefixPoint.Dot(unit.Normal, direction) > 0);
            Assert.Equal(1, Math.Sqrt(PrefixPoint.Dot(direction, direction)), 12);
            Assert.True(space.Room(point, direction) > 0);
        }
        // A surface that misses the box is crossed nowhere.
        Assert.Null(space.Across(Hyperplane.Scaled(w, -(high + 1)), random));
    }

    [Fact]
    public void TheRoomIsTheDistanceToTheFirstFace()
    {
        var space = SearchSpace.Within(Box.Uniform(2, 0, 1));
        Assert.Equal(0.5, space.Room([0.5, 0.25], [1, 0]), 15);
        Assert.Equal(0.25, space.Room([0.5, 0.25], [0, -1]), 15);
        Assert.Equal(0.25 * Math.Sqrt(2), space.Room([0.5, 0.25], [-Math.Sqrt(0.5), -Math.Sqrt(0.5)]), 15);
        Assert.Equal(0, space.Room([1, 0.25], [1, 0]));
    }

    [Fact]
    public void AStepAlongAnAxisThatWouldLeaveTheBoxIsTakenBackwards()
    {
        var box = Box.Uniform(3, 0, 1);
        double[] w = [0.5, -2, 1];
        var oracle = CountingOracle.Create(new DelegateOracle(3, 1, inputs =>
        {
            var y = new Matrix(inputs.Rows, 1);
            for (int r = 0; r < inputs.Rows; r++) y[r, 0] = PrefixPoint.Dot(w, inputs.Row(r)) + 3;
            return y;
        }), "affine", new OracleOptions { Domain = box });
        // On two upper faces: a forward step there would be refused by the domain check.
        var jacobian = new GradientProbe(oracle, new QueryLabel(ExtractionStage.Signatures, 1), box).Jacobian([1, 0.5, 1], 1e-3);
        for (int i = 0; i < 3; i++) Assert.Equal(w[i], jacobian[0, i], 12);
    }

    [Fact]
    public void ABoxThatFixesACoordinateIsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => SearchSpace.Within(new Box([0.0, 2.0], [1.0, 2.0])));
        Assert.Contains("fixes coordinate 1 at 2", error.Message);
    }
}
