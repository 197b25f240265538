using NetSym.Networks;
namespace NetSym.Canonical;

/// <summary>Settings of <see cref="Equivalence.Compare"/>.</summary>
public sealed record EquivalenceOptions
{
    /// <summary>
    /// Relative tolerance: canonical parameters match when every layer's largest deviation is at most
    /// this times the layer's largest |parameter|; outputs differ at x when ‖f_A(x) − f_B(x)‖∞ exceeds
    /// this times the output scale (see <see cref="WitnessSearch"/>). Default 10⁻⁹.
    /// </summary>
    public double Tolerance { get; init; } = 1e-9;

    /// <summary>Seed of the witness search; the same seed gives the same result on every machine.</summary>
    public int Seed { get; init; }

    /// <summary>Network evaluations the witness search may spend (inputs sampled plus ascent steps). Default 4096.</summary>
    public int WitnessBudget { get; init; } = 4096;

    /// <summary>Where to look for a witness; null: Gaussian inputs around the origin (see <see cref="WitnessSearch"/>).</summary>
    public Box? Box { get; init; }

    /// <summary>Rejects a negative or NaN tolerance, a non-positive budget, or a box of the wrong dimension.</summary>
    /// <exception cref="ArgumentException">The option named in the message is invalid.</exception>
    public void Validate(int inputSize)
    {
        if (double.IsNaN(Tolerance) || Tolerance < 0 || double.IsPositiveInfinity(Tolerance))
            throw new ArgumentException($"tolerance must be a finite non-negative number, got {Tolerance}");
        if (WitnessBudget <= 0)
            throw new ArgumentException($"witness budget must be positive, got {WitnessBudget}");
        if (Box is not null && Box.Dimension != inputSize)
            throw new ArgumentException($"the input box has {Box.Dimension} coordinates, the networks take {inputSize} inputs");
    }
}
