namespace NetSym;

/// <summary>
/// Where a long computation stands: the stage now running and how many of its stages are done.
/// Analyses that can run past a second take an optional <see cref="IProgress{T}"/> of these and
/// report synchronously, on the computing thread, before each stage and once at the end; Done
/// never decreases and the last report has Done = Total (stages that turn out not to be needed,
/// such as further primes once the rank is certain, are skipped over).
/// </summary>
/// <remarks>
/// It lives in the root namespace, like <see cref="ComputeContext"/>, because every analysis folder
/// reports through it.
/// </remarks>
/// <param name="Stage">What runs now, in words ("rank mod 2147483629 on 4096 points"); "done" at the end.</param>
/// <param name="Done">Stages finished, 0 ≤ Done ≤ Total.</param>
/// <param name="Total">Stages in all.</param>
/// <param name="StageFraction">
/// How far the current stage has got, in [0, 1], where it can tell (an exact elimination, panel by
/// panel); 0 otherwise. Within a stage it never decreases.
/// </param>
public readonly record struct ProgressReport(string Stage, int Done, int Total, double StageFraction = 0)
{
    /// <summary>(Done + StageFraction) / Total, in [0, 1]; never decreases from one report to the next.</summary>
    public double Fraction => Total <= 0 ? 1 : Math.Min(1, (Done + StageFraction) / Total);
}
