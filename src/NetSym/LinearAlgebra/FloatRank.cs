namespace NetSym.LinearAlgebra;

/// <summary>A rank read from singular values: how many lie above the tolerance, and that tolerance.</summary>
/// <param name="Rank">The number of singular values strictly above <paramref name="Tolerance"/>.</param>
/// <param name="Tolerance">The threshold used: the one given, or <see cref="RankPolicy.DefaultTolerance"/>.</param>
public readonly record struct FloatRank(int Rank, double Tolerance);
