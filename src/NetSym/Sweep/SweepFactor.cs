namespace NetSym.Sweep;

/// <summary>The three axes of a sweep's grid.</summary>
public enum SweepFactor
{
    /// <summary>n0, the input dimension.</summary>
    InputDimension,

    /// <summary>w, the width of every hidden layer.</summary>
    Width,

    /// <summary>d, the number of hidden layers.</summary>
    Depth,
}
