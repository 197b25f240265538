namespace NetSym.Dimension;

/// <summary>How a rank was decided; every report says which.</summary>
public enum RankMethod
{
    /// <summary>Rank over F_p of the exact Jacobian (piecewise-linear networks): a certified lower bound on the rank over Q.</summary>
    Exact,

    /// <summary>Number of float64 singular values above a stated tolerance.</summary>
    Float,
}
