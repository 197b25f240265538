using NetSym.LinearAlgebra;

namespace NetSym.Identifiability;

/// <summary>
/// Exact arithmetic in F_p: a rank mod p of the residues of a rational matrix is a lower bound on its
/// rank over Q (<see cref="ModularRankResult"/>).
/// </summary>
internal sealed class ModularArithmetic(PrimeField field, LinearAlgebraBackend backend) : IRankArithmetic
{
    private readonly ResidueWindow _window = ResidueWindow.NonNegative(field);

    public double[] Map(ReadOnlySpan<double> values)
    {
        var residues = new double[values.Length];
        DyadicResidues.Map(field, values, residues);
        return residues;
    }

    public double Multiply(double a, double b) => _window.Multiply(a, b);

    public double[] Gram(double[] a, int n, int k)
    {
        var transposed = Transpose(a, n, k);
        var c = new double[(long)n * n];
        ModularGemm.Multiply(field, n, n, k, a, k, transposed, n, c, n, backend);
        return c;
    }

    public void Add(Span<double> target, ReadOnlySpan<double> source)
    {
        double p = field.P;
        for (int i = 0; i < target.Length; i++)
        {
            double s = target[i] + source[i];
            target[i] = s >= p ? s - p : s;
        }
    }

    public void AddOne(Span<double> target)
    {
        double p = field.P;
        for (int i = 0; i < target.Length; i++) target[i] = target[i] + 1 == p ? 0 : target[i] + 1;
    }

    public void Hadamard(Span<double> target, ReadOnlySpan<double> source)
    {
        for (int i = 0; i < target.Length; i++) target[i] = _window.Multiply(target[i], source[i]);
    }

    public int Rank(double[] matrix, int rows, int columns) =>
        ModularRank.ComputeInPlace(field, matrix.AsSpan(0, rows * columns), rows, columns, backend).Rank;

    private static double[] Transpose(double[] a, int n, int k)
    {
        var t = new double[(long)n * k];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < k; j++) t[(long)j * n + i] = a[(long)i * k + j];
        return t;
    }
}
