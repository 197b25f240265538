using NetSym.Networks;

namespace NetSym.Embedding;

/// <summary>
/// DΦ(θ) = ∂Φ(θ)/∂θ, a #paths × P matrix stored by rows (CSR): the entry of path p is a product of
/// the parameters on p, so its row has one non-zero per factor, ∂Φ_p/∂θ_e = ∏_{e' ∈ p, e' ≠ e} θ_e'.
/// Rows follow the path order of <see cref="PathLifting"/>, columns <see cref="Network.GetParameters"/>.
/// </summary>
/// <remarks>
/// The local linear parameterisation R_θ(x) = ⟨Φ(θ), A(x)⟩ with A frozen gives
/// ∇_θ f_o(x) = DΦ(θ)ᵀ·A_o(x): the parameter Jacobian of a batch is A_X·DΦ(θ).
/// </remarks>
public sealed class PathLiftingJacobian
{
    private readonly int[] _rowStart;
    private readonly int[] _column;
    private readonly double[] _value;

    private PathLiftingJacobian(int rows, int columns, int[] rowStart, int[] column, double[] value)
    {
        Rows = rows;
        Columns = columns;
        _rowStart = rowStart;
        _column = column;
        _value = value;
    }

    /// <summary>Number of paths (entries of Φ).</summary>
    public int Rows { get; }

    /// <summary>Number of parameters.</summary>
    public int Columns { get; }

    /// <summary>The column indices and values of row <paramref name="path"/>'s non-zeros (structural: a value may be 0).</summary>
    public (ReadOnlyMemory<int> Columns, ReadOnlyMemory<double> Values) Row(int path)
    {
        int start = _rowStart[path], length = _rowStart[path + 1] - start;
        return (_column.AsMemory(start, length), _value.AsMemory(start, length));
    }

    /// <summary>DΦ(θ) of a network with positively homogeneous activations.</summary>
    /// <exception cref="ArgumentException">An activation that is not positively homogeneous.</exception>
    /// <exception cref="PathLimitExceededException">Φ has more than <paramref name="maxPaths"/> entries.</exception>
    public static PathLiftingJacobian Compute(Network network, long maxPaths = PathLifting.DefaultMaxPaths)
    {
        PathLifting.EnsureSupported(network);
        var (enumerator, entries) = PathLifting.Enumerate(network, maxPaths);
        var theta = network.GetParameters();
        var rowStart = new int[entries + 1];
        var columns = new List<int>();
        var values = new List<double>();
        int row = 0;
        var after = new double[network.Layers.Count + 1];
        enumerator.Walk((_, _, parameters) =>
        {
            // Products of the other factors through prefix and suffix products: exact when a factor is 0.
            int n = parameters.Length;
            after[n] = 1;
            for (int k = n - 1; k >= 0; k--) after[k] = after[k + 1] * theta[parameters[k]];
            double before = 1;
            for (int k = 0; k < n; k++)
            {
                columns.Add(parameters[k]);
                values.Add(before * after[k + 1]);
                before *= theta[parameters[k]];
            }
            rowStart[++row] = columns.Count;
        });
        return new PathLiftingJacobian(entries, theta.Length, rowStart, [.. columns], [.. values]);
    }

    /// <summary>DΦ(θ)·u: the change of every path entry along the parameter direction u.</summary>
    public double[] Multiply(ReadOnlySpan<double> u)
    {
        if (u.Length != Columns) throw new ArgumentException($"direction has {u.Length} entries, θ has {Columns}");
        var result = new double[Rows];
        for (int p = 0; p < Rows; p++)
        {
            double sum = 0;
            for (int e = _rowStart[p]; e < _rowStart[p + 1]; e++) sum += _value[e] * u[_column[e]];
            result[p] = sum;
        }
        return result;
    }

    /// <summary>DΦ(θ)ᵀ·v: the gradient with respect to θ of ⟨Φ(θ), v⟩ for a fixed path vector v.</summary>
    public double[] MultiplyTransposed(ReadOnlySpan<double> v)
    {
        if (v.Length != Rows) throw new ArgumentException($"path vector has {v.Length} entries, Φ has {Rows}");
        var result = new double[Columns];
        for (int p = 0; p < Rows; p++)
        {
            if (v[p] == 0) continue;
            for (int e = _rowStart[p]; e < _rowStart[p + 1]; e++) result[_column[e]] += _value[e] * v[p];
        }
        return result;
    }
}
