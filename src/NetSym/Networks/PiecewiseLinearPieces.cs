namespace NetSym.Networks;

/// <summary>
/// The pieces of a piecewise-linear nonlinearity: breakpoints t_1 &lt; … &lt; t_k and slopes s_0 … s_k,
/// slope s_i holding on (t_i, t_{i+1}).
/// </summary>
public sealed record PiecewiseLinearPieces(IReadOnlyList<double> Breakpoints, IReadOnlyList<double> Slopes)
{
    /// <summary>Index of the piece that holds x (a breakpoint belongs to the piece on its right).</summary>
    public int PieceOf(double x)
    {
        int i = 0;
        while (i < Breakpoints.Count && x >= Breakpoints[i]) i++;
        return i;
    }
}
