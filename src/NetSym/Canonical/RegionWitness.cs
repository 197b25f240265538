namespace NetSym.Canonical;

/// <summary>A point inside a linear region where two networks' affine maps differ, with both outputs evaluated there.</summary>
/// <param name="Input">The point.</param>
/// <param name="OutputA">f_A there, by the forward pass.</param>
/// <param name="OutputB">f_B there, by the forward pass.</param>
/// <param name="Difference">‖f_A − f_B‖∞ there.</param>
/// <param name="Region">The region's index in the enumeration.</param>
public sealed record RegionWitness(double[] Input, double[] OutputA, double[] OutputB, double Difference, int Region);
