namespace NetSym.Extraction;

/// <summary>What <see cref="SurfaceRefiner"/> found about an estimated unit.</summary>
/// <param name="Refined">The unit re-fitted to rounding; null when its surface was not where it predicts.</param>
/// <param name="Agreement">The fraction of probed segments whose kink lay where predicted (the least over the passes).</param>
/// <param name="Kinks">The inputs where a kink was found where predicted.</param>
internal sealed record SurfaceCheck(Hyperplane? Refined, double Agreement, IReadOnlyList<double[]> Kinks)
{
    /// <summary>The features whose coefficients the surface does not fix, zero in <see cref="Refined"/>.</summary>
    public IReadOnlyList<FreeFeature> Free { get; init; } = [];

    /// <summary>
    /// An agreement this high makes the unit certain. A true unit is invisible where every path from it
    /// to the output is dead, up to about half of its surface near the origin when the next layer is
    /// narrow; a local piece of a deeper surface agrees on the one region it lies in, rarely more than a
    /// third of the points.
    /// </summary>
    public const double Certain = 0.45;

    /// <summary>
    /// How many known boundaries (the units of <paramref name="prefix"/>, and <paramref name="units"/> of
    /// the same layer) have the agreeing kinks on both sides. The kinks of a local piece of a deeper surface
    /// all lie in one region of the known boundaries; those of a true unit spread over several.
    /// </summary>
    public int Separations(NetworkPrefix prefix, IReadOnlyList<Hyperplane> units)
    {
        var sides = new Dictionary<int, int>();
        foreach (var kink in Kinks)
        {
            var at = prefix.At(kink);
            int index = 0;
            foreach (var layer in at.Z)
                foreach (double z in layer) Mark(sides, index++, z);
            foreach (var unit in units) Mark(sides, index++, at.Unit(unit).Value);
        }
        return sides.Values.Count(v => v == 3);
    }

    private static void Mark(Dictionary<int, int> sides, int index, double value) =>
        sides[index] = sides.GetValueOrDefault(index) | (value > 0 ? 2 : 1);
}
