namespace NetSym.Networks.Discovery;

/// <summary>
/// The settings of <see cref="SymmetryDiscovery"/>: where the search looks, how finely, how densely a
/// candidate is verified, the tolerance it must meet and the seed of every random draw.
/// </summary>
/// <remarks>
/// The search covers inner maps x ↦ a·x + b with 1/<see cref="MaxScale"/> ≤ |a| ≤ <see cref="MaxScale"/>
/// and |b| ≤ <see cref="SearchRadius"/>, sampling ρ on [−R, R] with R = <see cref="SearchRadius"/>: a
/// discrete symmetry outside that box (a reflection about a point beyond R, a period longer than R) is not
/// found. Continuous families found inside it are then verified far outside it.
/// </remarks>
public sealed record DiscoveryOptions
{
    /// <summary>The defaults: the box |a| ∈ [1/8, 8], |b| ≤ 8, tolerance 10⁻⁹, seed 0.</summary>
    public static DiscoveryOptions Default { get; } = new();

    /// <summary>Seed of the random sample points, verification points and family members (<see cref="Randomness.RandomKey.FromSeed"/>).</summary>
    public long Seed { get; init; }

    /// <summary>
    /// Relative tolerance a symmetry must meet at every verification point:
    /// |ρ(a·x + b) − c·ρ(x) − d| ≤ tol · max(S, |ρ(a·x + b)|, |c·ρ(x) + d|), S the range of ρ on the grid.
    /// </summary>
    public double Tolerance { get; init; } = 1e-9;

    /// <summary>
    /// A refined candidate whose residual lies above <see cref="Tolerance"/> but at most this is neither a
    /// symmetry nor clearly not one: the search reports it and the result is unresolved.
    /// </summary>
    public double UnresolvedResidual { get; init; } = 1e-4;

    /// <summary>Half-width R of the sample interval [−R, R] and largest |b| searched.</summary>
    public double SearchRadius { get; init; } = 8;

    /// <summary>Largest |a| (and 1/smallest) searched.</summary>
    public double MaxScale { get; init; } = 8;

    /// <summary>Grid values of ln|a| per sign between 0 and ln <see cref="MaxScale"/>.</summary>
    public int ScaleSteps { get; init; } = 16;

    /// <summary>Spacing of the b grid.</summary>
    public double ShiftStep { get; init; } = 0.05;

    /// <summary>Sample points of the coarse search (stratified random on [−R, R]); refinement uses four times as many.</summary>
    public int SamplePoints { get; init; } = 48;

    /// <summary>
    /// A grid cell is a candidate when it is a local minimum of the least-squares misfit √(1 − R²) and the
    /// misfit is at most this (a true symmetry between grid cells can miss by a few hundredths).
    /// </summary>
    public double CandidateMisfit { get; init; } = 0.25;

    /// <summary>Half-width of the dense verification grid.</summary>
    public double GridRadius { get; init; } = 16;

    /// <summary>Points of the dense verification grid (equally spaced, ends included).</summary>
    public int GridPoints { get; init; } = 4001;

    /// <summary>Seeded random verification points on the grid's interval, besides the grid.</summary>
    public int RandomPoints { get; init; } = 1000;

    /// <summary>The tails are verified at ±10^k, jittered, for k from log10 of the grid radius up to this.</summary>
    public double TailExponent { get; init; } = 6;

    /// <summary>Checks every setting.</summary>
    /// <exception cref="ArgumentException">A setting is out of range or not finite.</exception>
    public void Validate()
    {
        static void Positive(double value, string name)
        {
            if (!(value > 0) || !double.IsFinite(value)) throw new ArgumentException($"{name} must be a finite positive number, not {value}");
        }
        Positive(Tolerance, nameof(Tolerance));
        Positive(UnresolvedResidual, nameof(UnresolvedResidual));
        Positive(SearchRadius, nameof(SearchRadius));
        Positive(ShiftStep, nameof(ShiftStep));
        Positive(CandidateMisfit, nameof(CandidateMisfit));
        Positive(GridRadius, nameof(GridRadius));
        if (!(MaxScale > 1) || !double.IsFinite(MaxScale)) throw new ArgumentException($"{nameof(MaxScale)} must be a finite number above 1, not {MaxScale}");
        if (UnresolvedResidual < Tolerance) throw new ArgumentException($"{nameof(UnresolvedResidual)} ({UnresolvedResidual}) must not be below {nameof(Tolerance)} ({Tolerance})");
        if (ScaleSteps < 1) throw new ArgumentException($"{nameof(ScaleSteps)} must be at least 1");
        if (SamplePoints < 8) throw new ArgumentException($"{nameof(SamplePoints)} must be at least 8");
        if (GridPoints < 16) throw new ArgumentException($"{nameof(GridPoints)} must be at least 16");
        if (RandomPoints < 0) throw new ArgumentException($"{nameof(RandomPoints)} must not be negative");
        if (!(TailExponent >= Math.Log10(GridRadius)) || TailExponent > 15) throw new ArgumentException($"{nameof(TailExponent)} must lie between log10({nameof(GridRadius)}) and 15");
        if (SearchRadius / ShiftStep > 1e5) throw new ArgumentException($"{nameof(SearchRadius)}/{nameof(ShiftStep)} must be at most 1e5 grid steps");
    }
}
