namespace NetSym.Networks;

/// <summary>
/// A piecewise-linear activation in exact arithmetic: ρ(z) = s_i·z + c_i on piece i, where piece i
/// is (t_i, t_{i+1}) for breakpoints t_1 &lt; … &lt; t_k (t_0 = −∞, t_{k+1} = +∞). Slopes and
/// breakpoints are the activation's doubles taken exactly; the intercepts follow from ρ's values at
/// the breakpoints, so all of them are dyadic rationals.
/// </summary>
/// <remarks>
/// At a breakpoint ρ has no derivative; NetSym takes ρ′(t) = <see cref="Activation.Derivative(double)"/>
/// at t, which is PyTorch's autograd value (relu′(0) = 0, leaky_relu′(0) = α, abs′(0) = 0,
/// hardtanh′(±1) = relu6′(0) = relu6′(6) = 0), so an exact Jacobian and a float one built from
/// <see cref="Activation.Derivative(double)"/> agree on an input that lies exactly on a breakpoint.
/// </remarks>
public sealed class ExactPieces
{
    private const string NotPiecewiseLinear =
        "exact rank needs piecewise-linear activations with rational slopes";

    private ExactPieces(Dyadic[] breakpoints, Dyadic[] slopes, Dyadic[] intercepts, Dyadic[] breakpointSlopes)
    {
        Breakpoints = breakpoints;
        Slopes = slopes;
        Intercepts = intercepts;
        BreakpointSlopes = breakpointSlopes;
        // On a breakpoint either neighbour gives ρ(t); take the one whose slope is ρ′(t) when there is one.
        _breakpointPieces = [.. breakpointSlopes.Select((s, i) => slopes[i] == s ? i : i + 1)];
        MaxAbsSlope = slopes.Max(s => Math.Abs(s.ToDouble()));
        MaxAbsIntercept = intercepts.Max(c => Math.Abs(c.ToDouble()));
    }

    /// <summary>t_1 &lt; … &lt; t_k.</summary>
    public IReadOnlyList<Dyadic> Breakpoints { get; }

    /// <summary>s_0 … s_k.</summary>
    public IReadOnlyList<Dyadic> Slopes { get; }

    /// <summary>c_0 … c_k.</summary>
    public IReadOnlyList<Dyadic> Intercepts { get; }

    /// <summary>ρ′(t_1) … ρ′(t_k): the slope taken at each breakpoint, PyTorch's autograd value (see the remarks).</summary>
    public IReadOnlyList<Dyadic> BreakpointSlopes { get; }

    private readonly int[] _breakpointPieces;

    /// <summary>max |s_i| (rounded to a double): the Lipschitz constant of ρ.</summary>
    public double MaxAbsSlope { get; }

    /// <summary>max |c_i| (rounded to a double).</summary>
    public double MaxAbsIntercept { get; }

    /// <summary>The exact pieces of <paramref name="activation"/>.</summary>
    /// <exception cref="ExactRankUnavailableException">ρ is not piecewise linear, or its pieces do not join into its values.</exception>
    /// <exception cref="ArgumentException">ρ's breakpoints and slopes do not match.</exception>
    public static ExactPieces Of(Activation activation)
    {
        var pieces = activation.Pieces
            ?? throw new ExactRankUnavailableException(activation.Spec, $"activation '{activation.Spec}' is not piecewise linear: {NotPiecewiseLinear}");
        var t = pieces.Breakpoints.Select(Dyadic.FromDouble).ToArray();
        var s = pieces.Slopes.Select(Dyadic.FromDouble).ToArray();
        if (s.Length != t.Length + 1)
            throw new ArgumentException($"activation '{activation.Spec}' has {t.Length} breakpoints but {s.Length} slopes");
        for (int i = 1; i < t.Length; i++)
            if (t[i] <= t[i - 1])
                throw new ArgumentException($"activation '{activation.Spec}' has breakpoints out of order");

        // Piece i is anchored at its left breakpoint (piece 0 at t_1, its right one): c_i = ρ(t) − s_i·t.
        var c = new Dyadic[s.Length];
        for (int i = 0; i < s.Length; i++)
        {
            double anchor = t.Length == 0 ? 0 : pieces.Breakpoints[Math.Max(0, i - 1)];
            var a = Dyadic.FromDouble(anchor);
            c[i] = Dyadic.FromDouble(activation.Value(anchor)) - s[i] * a;
        }
        // Each piece must also reach ρ's value at its right breakpoint, or ρ is not the continuous
        // function these pieces describe.
        for (int i = 1; i < t.Length; i++)
            if (s[i] * t[i] + c[i] != Dyadic.FromDouble(activation.Value(pieces.Breakpoints[i])))
                throw new ExactRankUnavailableException(activation.Spec, $"activation '{activation.Spec}' is not continuous at {pieces.Breakpoints[i]}: {NotPiecewiseLinear}");
        var onBreakpoint = pieces.Breakpoints.Select(b => Dyadic.FromDouble(activation.Derivative(b))).ToArray();
        return new ExactPieces(t, s, c, onBreakpoint);
    }

    /// <summary>
    /// The piece holding z, and the index of the breakpoint z lies exactly on (−1 when none). On a
    /// breakpoint the piece is the neighbour whose slope is <see cref="BreakpointSlopes"/> there (the
    /// left one for ReLU), or the right one when neither neighbour has that slope (abs at 0): either
    /// gives ρ(z), and <see cref="SlopeAt"/> gives the slope to differentiate with.
    /// </summary>
    public int PieceOf(Dyadic z, out int breakpoint)
    {
        breakpoint = -1;
        int i = 0;
        while (i < Breakpoints.Count)
        {
            int cmp = z.CompareTo(Breakpoints[i]);
            if (cmp < 0) break;
            if (cmp == 0)
            {
                breakpoint = i;
                return _breakpointPieces[i];
            }
            i++;
        }
        return i;
    }

    /// <summary>ρ′ for a pre-activation in <paramref name="piece"/>, on breakpoint <paramref name="breakpoint"/> (−1: off every breakpoint).</summary>
    public Dyadic SlopeAt(int piece, int breakpoint) => breakpoint < 0 ? Slopes[piece] : BreakpointSlopes[breakpoint];

    /// <summary>s_i·z + c_i for piece i: ρ(z) exactly when piece i holds z (on a breakpoint both neighbours agree).</summary>
    public Dyadic Apply(Dyadic z, int piece) => Slopes[piece] * z + Intercepts[piece];
}
