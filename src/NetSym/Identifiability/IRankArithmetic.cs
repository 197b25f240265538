namespace NetSym.Identifiability;

/// <summary>
/// The arithmetic a rank computation runs in: exact values (finite doubles, hence dyadic rationals)
/// are mapped into it once, combined by products, sums and GEMMs, and ranked. Written once over
/// this interface, the rank of α is computed both exactly (<see cref="ModularArithmetic"/>) and in
/// floating point (<see cref="FloatArithmetic"/>).
/// </summary>
internal interface IRankArithmetic
{
    /// <summary>Maps exact values into the arithmetic (residues mod p, or the doubles themselves).</summary>
    double[] Map(ReadOnlySpan<double> values);

    /// <summary>a·b.</summary>
    double Multiply(double a, double b);

    /// <summary>The n×n matrix A·Aᵀ of a mapped row-major n×k matrix A.</summary>
    double[] Gram(double[] a, int n, int k);

    /// <summary>target ← target + source, entrywise.</summary>
    void Add(Span<double> target, ReadOnlySpan<double> source);

    /// <summary>target ← target + 1, entrywise.</summary>
    void AddOne(Span<double> target);

    /// <summary>target ← target ∘ source (Hadamard product).</summary>
    void Hadamard(Span<double> target, ReadOnlySpan<double> source);

    /// <summary>The rank of a mapped row-major rows×columns matrix, which it may overwrite.</summary>
    int Rank(double[] matrix, int rows, int columns);
}
