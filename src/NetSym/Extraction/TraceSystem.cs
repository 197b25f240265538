using NetSym.LinearAlgebra;

namespace NetSym.Extraction;

/// <summary>
/// The growing least-squares system of one trace (<see cref="SurfaceTracer"/>): the equations of every piece
/// visited, solved now and then to see whether they determine the unit yet. After a solve that does not,
/// the rows are replaced by the triangular factor of their QR decomposition (<see cref="LeastSquares.Compress"/>),
/// which keeps the least-squares problem exactly (Q is orthogonal) in as many rows as unknowns: at 784-64-64 a
/// trace gathers thousands of rows, and re-solving them all at every attempt was a quarter of its time.
/// </summary>
internal sealed class TraceSystem
{
    /// <summary>The equations: compressed rows first, then the rows added since.</summary>
    public List<double[]> Rows { get; } = [];

    /// <summary>Their right-hand sides.</summary>
    public List<double> Rhs { get; } = [];

    private int _compressed, _originalRows;
    private double _dropped, _compressedRhsSquares;

    /// <summary>
    /// The basic least-squares solution, the rank decided with the tolerance of the uncompressed system
    /// (max(rows, columns)·ε over every row ever added), so that compressing changes no decision.
    /// </summary>
    public LeastSquaresSolution Solve()
    {
        int rows = _originalRows + Rows.Count - _compressed;
        var a = Matrix.FromRows(Rows);
        var b = new Matrix(Rhs.Count, 1, [.. Rhs]);
        return LeastSquares.Solve(a, b, Math.Max(rows, a.Columns) * FloatingPoint.MachineEpsilon);
    }

    /// <summary>The residual norm of <paramref name="solution"/> over every row ever added: the solve's and the part compressed away.</summary>
    public double Residual(LeastSquaresSolution solution) => Math.Sqrt(solution.ResidualNorms[0] * solution.ResidualNorms[0] + _dropped);

    /// <summary>‖b‖ over every row ever added.</summary>
    public double RhsNorm => Math.Sqrt(_compressedRhsSquares + Rhs.Skip(_compressed).Sum(v => v * v));

    /// <summary>Replaces the rows by their triangular factor when they outnumber the unknowns.</summary>
    public void Compress()
    {
        int unknowns = Rows[0].Length;
        if (Rows.Count <= unknowns) return;
        _originalRows += Rows.Count - _compressed;
        _compressedRhsSquares += Rhs.Skip(_compressed).Sum(v => v * v);
        var (r, c, dropped) = LeastSquares.Compress(Rows, Rhs);
        _dropped += dropped;
        Rows.Clear();
        Rhs.Clear();
        Rows.AddRange(r);
        Rhs.AddRange(c);
        _compressed = Rows.Count;
    }
}
