using NetSym.Dimension;

namespace NetSym.Sweep;

/// <summary>What one trial of a sweep found.</summary>
/// <param name="Trial">Which network of which configuration.</param>
/// <param name="Seeds">The seeds it was drawn from (<see cref="SweepPlan.SeedsOf"/>).</param>
/// <param name="Parameters">P, the network's parameter count.</param>
/// <param name="Bound">P − dim(continuous symmetries): the largest rank possible (P − hidden neurons for ReLU).</param>
/// <param name="Points">Inputs in the batch.</param>
/// <param name="Rank">Rank of the parameter Jacobian on the batch.</param>
/// <param name="Method">How the rank was decided.</param>
/// <param name="PointsOnBreakpoint">Inputs with a pre-activation exactly on a breakpoint, kept with PyTorch's ρ′ there (<see cref="FunctionalDimensionResult.OnBreakpoint"/>).</param>
/// <param name="Seconds">Wall time of the trial (drawing, Jacobian, rank): the one field that differs between runs.</param>
public sealed record SweepResult(SweepTrial Trial, SweepSeeds Seeds, int Parameters, int Bound, int Points, int Rank,
    RankMethod Method, int PointsOnBreakpoint, double Seconds)
{
    /// <summary>Full functional dimension on the batch: rank = bound, i.e. no hidden symmetry (certified when exact).</summary>
    public bool Full => Rank == Bound;

    /// <summary>Bound − rank.</summary>
    public int Deficit => Bound - Rank;

    /// <summary>Whether two results agree in everything but <see cref="Seconds"/> (a repeated trial must).</summary>
    public bool SameOutcome(SweepResult other) => this with { Seconds = 0 } == other with { Seconds = 0 };
}
