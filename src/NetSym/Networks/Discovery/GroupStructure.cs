namespace NetSym.Networks.Discovery;

/// <summary>The shape of a discovered symmetry group.</summary>
public enum GroupStructure
{
    /// <summary>Finitely many elements, listed one by one (the identity alone, or the identity and a reflection).</summary>
    Finite,

    /// <summary>A continuous family (a Lie group of dimension 1 or 2), possibly of several components.</summary>
    Continuous,

    /// <summary>Infinitely many isolated elements, given by generators (a period, with or without a reflection).</summary>
    InfiniteDiscrete,
}
