namespace NetSym.Identifiability;

/// <summary>The answer of <see cref="TanhTypeTest.Check"/>: whether ρ is of Vlačić &amp; Bölcskei's tanh type.</summary>
public enum TanhTypeVerdict
{
    /// <summary>ρ is tanh, or the logistic sigmoid (½ + ½·tanh(x/2)): the papers' theorem covers it.</summary>
    ProvedByPapers,

    /// <summary>ρ = c·tanh(a·x + b) + d was found on a grid to a tolerance: tanh-type if the fit is exact, which the grid does not prove.</summary>
    CheckedNumerically,

    /// <summary>ρ fails a condition that every tanh-type nonlinearity satisfies (the result names it).</summary>
    NotTanhType,

    /// <summary>No condition NetSym can check failed, and ρ is not a reparameterisation of tanh.</summary>
    Undecided,
}
