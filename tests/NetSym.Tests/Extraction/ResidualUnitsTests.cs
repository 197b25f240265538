using NetSym.Extraction;
using NetSym.LinearAlgebra;
using NetSym.Networks;
using NetSym.Randomness;

namespace NetSym.Tests.Extraction;

/// <summary>
/// Units that the last hidden layer lacks are read off where f departs from the fit of the units found:
/// exactly the planted ones, each from the inputs where it alone differs, and none where the inputs
/// cannot determine one.
/// </summary>
public class ResidualUnitsTests
{
    /// <summary>The truth's layer-2 units as hyperplanes over layer 1's outputs, and the full prefix.</summary>
    private static (NetworkPrefix Full, Hyperplane[] Layer2) Truth(Network truth) =>
        (new NetworkPrefix(truth.InputSize, [SamplePointsTests.Planes(truth.Layers[0]), SamplePointsTests.Planes(truth.Layers[1])]), SamplePointsTests.Planes(truth.Layers[1]));

    /// <summary>
    /// Gaussian inputs (spread 1 to 8) at which <paramref name="keep"/> holds, <paramref name="count"/> of
    /// them, in clusters of <paramref name="cluster"/> around one (an eighth of its norm apart), as the
    /// extractor draws them around misfitted inputs.
    /// </summary>
    private static Matrix Inputs(NetworkPrefix full, int count, Func<PrefixPoint, bool> keep, RandomStream random, int cluster = 1)
    {
        var rows = new List<double[]>();
        double[] centre = [];
        while (rows.Count < count)
        {
            if (rows.Count % cluster == 0) centre = Enumerable.Range(0, full.InputSize).Select(_ => (1 << rows.Count / cluster % 4) * random.NextNormal()).ToArray();
            double radius = rows.Count % cluster == 0 ? 0 : Math.Sqrt(PrefixPoint.Dot(centre, centre) / full.InputSize) / 8;
            var x = centre.Select(v => v + radius * random.NextNormal()).ToArray();
            if (keep(full.At(x))) rows.Add(x);
        }
        return new Matrix(count, full.InputSize, [.. rows.SelectMany(r => r)]);
    }

    private static bool SamePlane(Hyperplane a, Hyperplane b)
    {
        double dot = PrefixPoint.Dot(a.Normal, b.Normal) + a.Bias * b.Bias;
        double na = Math.Sqrt(PrefixPoint.Dot(a.Normal, a.Normal) + a.Bias * a.Bias), nb = Math.Sqrt(PrefixPoint.Dot(b.Normal, b.Normal) + b.Bias * b.Bias);
        return 1 - Math.Abs(dot) / (na * nb) <= 1e-10;
    }

    /// <summary>
    /// Units <paramref name="missing"/> of layer 2 left out of the prefix, the fit taken where they are all
    /// off (<paramref name="on"/> false) or all on: each is found, to rounding, and nothing else; two of
    /// them from inputs where either or both differ.
    /// </summary>
    [Theory]
    [InlineData("8-10-6-1", 1, new[] { 2 }, false)]
    [InlineData("8-10-6-1", 2, new[] { 0 }, true)]
    [InlineData("8-10-6-3", 3, new[] { 1, 4 }, false)]
    [InlineData("8-10-6-2", 4, new[] { 3, 5 }, true)]
    public void TheMissingUnitsOfTheLastLayerAreFoundExactly(string architecture, long seed, int[] missing, bool on)
    {
        var truth = DeepTruth.Create(architecture, seed);
        var (full, layer2) = Truth(truth);
        var prefix = new NetworkPrefix(truth.InputSize, [SamplePointsTests.Planes(truth.Layers[0]), [.. layer2.Where((_, j) => !missing.Contains(j))]]);
        var random = RandomKey.FromSeed(seed).Split("residual units test").Stream();
        var samples = Inputs(full, 60, at => missing.All(j => at.Z[1][j] > 0 == on), random);
        var wide = Inputs(full, 1200, _ => true, random, cluster: 20);
        var (coefficients, residual, _, _) = FeatureFit.Fit(prefix, samples, Forward.Evaluate(truth, samples, LinearAlgebraBackends.Default), linear: true);
        Assert.True(residual <= 1e-12, $"the fit where the missing units keep one state is exact: {residual}");

        var found = ResidualUnits.Find(prefix, wide, Forward.Evaluate(truth, wide, LinearAlgebraBackends.Default), coefficients, random);

        Assert.Equal(missing.Length, found.Count);
        foreach (int j in missing) Assert.Single(found, u => SamePlane(u.Unit, layer2[j]));
        foreach (var (unit, rows) in found)
        {
            int j = missing.Single(k => SamePlane(unit, layer2[k]));
            Assert.All(rows, r => Assert.True(full.At(wide.Row(r)).Z[1][j] > 0 != on, "a unit's rows are where it differs"));
        }
    }

    /// <summary>
    /// 8-10-6-1 (seed 5) without unit 0 of layer 2, the fit taken where that unit is off, and wide inputs
    /// where it is off or unit 3 of layer 1 is: wherever it differs, unit 3 is off.
    /// </summary>
    private static (Network Truth, NetworkPrefix Full, Hyperplane[] Layer2, NetworkPrefix Prefix, RandomStream Random, Matrix Wide, Matrix Coefficients) UnitOffWhereUnit3IsOff()
    {
        var truth = DeepTruth.Create("8-10-6-1", 5);
        var (full, layer2) = Truth(truth);
        var prefix = new NetworkPrefix(truth.InputSize, [SamplePointsTests.Planes(truth.Layers[0]), layer2[1..]]);
        var random = RandomKey.FromSeed(5).Split("residual units test").Stream();
        var samples = Inputs(full, 60, at => at.Z[1][0] <= 0, random);
        var wide = Inputs(full, 600, at => at.Z[1][0] <= 0 || at.Z[0][3] <= 0, random);
        var (coefficients, _, _, _) = FeatureFit.Fit(prefix, samples, Forward.Evaluate(truth, samples, LinearAlgebraBackends.Default), linear: true);
        return (truth, full, layer2, prefix, random, wide, coefficients);
    }

    /// <summary>
    /// Where a unit of layer 1 is off at every input that the missing unit differs at, its coefficient on
    /// that unit is free: nothing is returned rather than a guess, even though an exact fit exists.
    /// </summary>
    [Fact]
    public void AUnitThatTheInputsDoNotDetermineIsNotReturned()
    {
        var (truth, full, layer2, prefix, random, wide, coefficients) = UnitOffWhereUnit3IsOff();

        Assert.Empty(ResidualUnits.Find(prefix, wide, Forward.Evaluate(truth, wide, LinearAlgebraBackends.Default), coefficients, random));
        // With inputs where that unit is on too, the same unit is found.
        var more = Inputs(full, 600, _ => true, random);
        var found = ResidualUnits.Find(prefix, more, Forward.Evaluate(truth, more, LinearAlgebraBackends.Default), coefficients, random);
        Assert.True(SamePlane(Assert.Single(found).Unit, layer2[0]));
    }

    /// <summary>
    /// The same unit, missing where unit 3 of layer 1 is off at every input it differs at: inputs just
    /// past the surface of unit 3, reached from those (<see cref="ResidualUnits.Across"/>), lie where unit 3
    /// is on, and with them the unit is found.
    /// </summary>
    [Fact]
    public void InputsPastTheSurfaceOfAUnitOffWhereverTheMissingOneDiffersDetermineIt()
    {
        var (truth, full, layer2, prefix, random, wide, coefficients) = UnitOffWhereUnit3IsOff();
        var outputs = Forward.Evaluate(truth, wide, LinearAlgebraBackends.Default);
        var misfitted = ResidualUnits.Misfitted(FeatureFit.Misfit(prefix, wide, outputs, coefficients, linear: true), outputs);
        int[] off = [.. Enumerable.Range(0, truth.Layers[0].OutputSize).Where(j => misfitted.All(r => full.At(wide.Row(r)).Z[0][j] <= 0))];
        Assert.Contains(3, off);

        var across = ResidualUnits.Across(prefix, wide, misfitted, 8, random);

        Assert.True(across.Rows > 0);
        for (int r = 0; r < across.Rows; r++)
        {
            var z = full.At(across.Row(r)).Z[0];
            Assert.True(off.Any(j => z[j] > 0), "each input lies past the surface of a unit off at every misfitted input");
        }
        var inputs = new Matrix(wide.Rows + across.Rows, wide.Columns, [.. wide.Data, .. across.Data]);
        var found = ResidualUnits.Find(prefix, inputs, Forward.Evaluate(truth, inputs, LinearAlgebraBackends.Default), coefficients, random);
        Assert.True(SamePlane(Assert.Single(found).Unit, layer2[0]));
    }
}
