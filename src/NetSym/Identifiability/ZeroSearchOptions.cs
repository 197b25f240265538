namespace NetSym.Identifiability;

/// <summary>
/// What <see cref="ZeroFunctionSearch.Run"/> searches and how a candidate is verified.
/// </summary>
/// <remarks>
/// The architectures are 1 to <see cref="MaxInputs"/> inputs, 1 to <see cref="MaxHiddenLayers"/>
/// hidden layers of widths 2 to <see cref="MaxWidth"/> (a single hidden neuron u·ρ(w·x + β) + c is
/// never 0 for a non-constant ρ unless u or w is 0), and one output with the identity.
/// </remarks>
public sealed record ZeroSearchOptions
{
    /// <summary>Largest hidden width (at least 2).</summary>
    public int MaxWidth { get; init; } = 4;

    /// <summary>Largest input size (1 or more).</summary>
    public int MaxInputs { get; init; } = 2;

    /// <summary>Largest number of hidden layers (1 or 2).</summary>
    public int MaxHiddenLayers { get; init; } = 2;

    /// <summary>Random starts of the numerical minimisation per architecture (0: constructive families only).</summary>
    public int Starts { get; init; } = 8;

    /// <summary>Levenberg–Marquardt iterations per start.</summary>
    public int Iterations { get; init; } = 200;

    /// <summary>Sample inputs the minimisation fits f = 0 on, drawn uniformly from [−<see cref="SampleRadius"/>, <see cref="SampleRadius"/>]^d.</summary>
    public int Samples { get; init; } = 96;

    /// <summary>Half-width of the box the sample inputs are drawn from.</summary>
    public double SampleRadius { get; init; } = 4;

    /// <summary>
    /// A candidate realises 0 when at every check point |f(x)| ≤ this · (T(x) + T̄), T(x) = Σⱼ |uⱼ·yⱼ(x)| + |c|
    /// the size of the terms that cancel (uⱼ the output weights, yⱼ the last hidden layer, c the output
    /// bias) and T̄ its mean over the dense grid (so that points where every term vanishes do not divide by 0).
    /// </summary>
    public double Tolerance { get; init; } = 1e-9;

    /// <summary>
    /// A candidate is non-degenerate when <see cref="Reduction.Reducer"/> at this tolerance (weights with
    /// |w| ≤ it are zero, twins match to it relatively) finds nothing to remove. It is a margin, not a
    /// rounding allowance: k near-copies of one neuron at relative spread δ can cancel their Taylor
    /// terms to order k − 2 and leave outputs of size δ^(k−1), so a cluster of four tanh neurons with
    /// spread 10⁻³ passes a 10⁻⁹ residual; at 10⁻² such clusters are degenerate, while genuine witnesses
    /// keep their neurons O(1) apart.
    /// </summary>
    public double TwinTolerance { get; init; } = 1e-2;

    /// <summary>
    /// Least range of pre-activations, over the check points, that a hidden neuron of a smooth ρ must
    /// span (see <see cref="ZeroFunctionVerification.Narrow"/>); 1 is the scale on which the catalog's
    /// smooth activations bend (tanh's poles are π/2 from the real line).
    /// </summary>
    public double MinPreActivationRange { get; init; } = 1;

    /// <summary>Half-width of the dense check grid (the tails beyond it are checked on rays out to 10⁶).</summary>
    public double GridRadius { get; init; } = 8;

    /// <summary>Points of the dense check grid: this many for one input, its square root per axis for two.</summary>
    public int GridPoints { get; init; } = 2001;

    /// <summary>Try the constructive families (<see cref="ZeroNetworkFamilies"/>) before the numerical search; off, the numerical search runs alone.</summary>
    public bool Constructive { get; init; } = true;

    /// <summary>Stop the numerical search at the first verified witness (the constructive families are always all tried).</summary>
    public bool StopWhenFound { get; init; } = true;

    /// <summary>Throws when an option is out of range.</summary>
    /// <exception cref="ArgumentException">An option out of its range, named.</exception>
    public void Validate()
    {
        if (MaxWidth < 2) throw new ArgumentException($"the largest width must be at least 2, got {MaxWidth}");
        if (MaxInputs < 1) throw new ArgumentException($"the largest input size must be at least 1, got {MaxInputs}");
        if (MaxHiddenLayers is < 1 or > 2) throw new ArgumentException($"the number of hidden layers must be 1 or 2, got {MaxHiddenLayers}");
        if (Starts < 0) throw new ArgumentException($"the number of starts must not be negative, got {Starts}");
        if (Iterations < 1 || Samples < 2) throw new ArgumentException("at least one iteration and two samples are needed");
        if (!(Tolerance > 0) || !(TwinTolerance >= 0) || !(MinPreActivationRange >= 0) || !(GridRadius > 0) || !(SampleRadius > 0) || GridPoints < 9)
            throw new ArgumentException("tolerances, radii and grid sizes must be positive (the grid at least 9 points)");
    }
}
