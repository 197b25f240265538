namespace NetSym.Extraction;

/// <summary>The kinks a <see cref="LineSweeper"/> found on one line.</summary>
/// <param name="Line">The line.</param>
/// <param name="Start">The first parameter swept.</param>
/// <param name="End">The last parameter swept.</param>
/// <param name="Kinks">The parameters t of the kinks, ascending.</param>
/// <param name="Unresolved">Intervals that still bent when they had shrunk to the resolution: kinks too close together to separate, lost on this line.</param>
/// <param name="Exhausted">Whether the sweep gave up because the function kept bending everywhere: f is not piecewise linear along this line.</param>
internal sealed record SweptLine(SearchLine Line, double Start, double End, double[] Kinks, int Unresolved, bool Exhausted);
