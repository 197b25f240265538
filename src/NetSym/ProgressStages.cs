namespace NetSym;

/// <summary>
/// Turns a computation's stages into <see cref="ProgressReport"/>s with the guarantees that type
/// states: Done counts the stages begun before the current one, is clamped to Total, and
/// <see cref="Complete"/> reports Total. Without a sink every call is a no-op.
/// </summary>
internal sealed class ProgressStages(IProgress<ProgressReport>? sink, int total)
{
    private int _begun;

    /// <summary>Reports that <paramref name="stage"/> begins (the stages begun before it are done).</summary>
    public void Begin(string stage)
    {
        if (sink is null) return;
        sink.Report(new ProgressReport(stage, Math.Min(_begun, total), total));
        _begun++;
    }

    /// <summary>Reports the end: Done = Total, whatever stages were skipped.</summary>
    public void Complete() => sink?.Report(new ProgressReport("done", total, total));
}
