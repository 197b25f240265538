using NetSym.LinearAlgebra;

namespace NetSym.Identifiability;

/// <summary>
/// float64 arithmetic: a rank is the number of singular values above a tolerance, by default
/// NumPy's σ_max·max(m, n)·ε of the matrix ranked (<see cref="RankPolicy"/>).
/// </summary>
internal sealed class FloatArithmetic(double? tolerance, LinearAlgebraBackend backend) : IRankArithmetic
{
    /// <summary>The largest threshold used by any rank so far (the tolerance when it was given).</summary>
    public double UsedTolerance { get; private set; }

    public double[] Map(ReadOnlySpan<double> values) => values.ToArray();

    public double Multiply(double a, double b) => a * b;

    public double[] Gram(double[] a, int n, int k)
    {
        var c = new double[(long)n * n];
        backend.Gemm(false, true, n, n, k, 1.0, a, k, a, k, 0.0, c, n);
        return c;
    }

    public void Add(Span<double> target, ReadOnlySpan<double> source)
    {
        for (int i = 0; i < target.Length; i++) target[i] += source[i];
    }

    public void AddOne(Span<double> target)
    {
        for (int i = 0; i < target.Length; i++) target[i] += 1;
    }

    public void Hadamard(Span<double> target, ReadOnlySpan<double> source)
    {
        for (int i = 0; i < target.Length; i++) target[i] *= source[i];
    }

    public int Rank(double[] matrix, int rows, int columns)
    {
        if (rows == 0 || columns == 0) return 0;
        var sigma = backend.SingularValues(matrix.AsSpan(0, rows * columns), rows, columns);
        var found = RankPolicy.FromSingularValues(sigma, rows, columns, tolerance);
        UsedTolerance = Math.Max(UsedTolerance, found.Tolerance);
        return found.Rank;
    }
}
