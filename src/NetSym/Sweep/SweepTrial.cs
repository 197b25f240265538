using NetSym.Networks;

namespace NetSym.Sweep;

/// <summary>
/// One trial of a sweep: the <paramref name="Index"/>-th random network of the configuration
/// (n0, w, d), whose architecture is n0 – w × d – 1: <paramref name="Depth"/> hidden layers of
/// <paramref name="Width"/> neurons and one output, as in Grigsby, Lindsey &amp; Rolnick (2023).
/// </summary>
public readonly record struct SweepTrial(int InputDimension, int Width, int Depth, int Index)
{
    /// <summary>n0-w-…-w-1 with d hidden layers.</summary>
    public Architecture Architecture => new([InputDimension, .. Enumerable.Repeat(Width, Depth), 1]);

    /// <summary>The value of one factor.</summary>
    public int this[SweepFactor factor] => factor switch
    {
        SweepFactor.InputDimension => InputDimension,
        SweepFactor.Width => Width,
        SweepFactor.Depth => Depth,
        _ => throw new ArgumentOutOfRangeException(nameof(factor)),
    };

    /// <summary>The configuration, i.e. the trial without its index.</summary>
    public (int InputDimension, int Width, int Depth) Configuration => (InputDimension, Width, Depth);

    /// <inheritdoc />
    public override string ToString() => $"n0={InputDimension} width={Width} depth={Depth} trial={Index}";
}
