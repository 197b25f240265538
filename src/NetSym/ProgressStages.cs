namespace NetSym;

/// <summary>
/// Turns a computation's stages into <see cref="ProgressReport"/>s with the guarantees that type
/// states: Done counts the stages begun before the current one, is clamped to Total, and
/// <see cref="Complete"/> reports Total. Without a sink every call is a no-op.
/// </summary>
internal sealed class ProgressStages(IProgress<ProgressReport>? sink, int total)
{
    private int _begun;
    private string _stage = "";
    private double _within;

    /// <summary>Reports that <paramref name="stage"/> begins (the stages begun before it are done).</summary>
    public void Begin(string stage)
    {
        if (sink is null) return;
        _stage = stage;
        _within = 0;
        sink.Report(new ProgressReport(stage, Math.Min(_begun, total), total));
        _begun++;
    }

    /// <summary>
    /// Renames the current stage without advancing: for work that repeats past the stages counted
    /// (a further pass to a fixed point), shown at the fraction the stage had reached. Begins the
    /// first stage when none has begun.
    /// </summary>
    public void Rename(string stage)
    {
        if (sink is null) return;
        if (_begun == 0)
        {
            Begin(stage);
            return;
        }
        _stage = stage;
        sink.Report(new ProgressReport(stage, Math.Min(_begun - 1, total), total, _within));
    }

    /// <summary>
    /// Reports how far the current stage has got; a sink for <see cref="LinearAlgebra.ModularRank.ComputeInPlace"/>.
    /// Null without a sink, so that the computation skips even the call.
    /// </summary>
    public Action<double>? Within => sink is null || _begun == 0 ? null
        : fraction =>
        {
            _within = Math.Clamp(fraction, 0, 1);
            sink.Report(new ProgressReport(_stage, Math.Min(_begun - 1, total), total, _within));
        };

    /// <summary>Reports the end: Done = Total, whatever stages were skipped.</summary>
    public void Complete() => sink?.Report(new ProgressReport("done", total, total));
}
