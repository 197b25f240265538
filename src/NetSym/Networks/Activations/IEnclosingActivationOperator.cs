namespace NetSym.Networks;

/// <summary>
/// An <see cref="IActivationOperator"/> whose monotone pieces are not known (an expression), so the hull
/// of ρ at the ends and the turning points is no enclosure of its image: it encloses the image itself,
/// and <see cref="ActivationImage"/> asks it instead.
/// </summary>
public interface IEnclosingActivationOperator
{
    /// <summary>An interval containing ρ(x) for every x in [<paramref name="lower"/>, <paramref name="upper"/>], never narrower than the true image.</summary>
    (double Lower, double Upper) Enclose(double lower, double upper);
}
