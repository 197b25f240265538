using NetSym.LinearAlgebra;

namespace NetSym.Extraction;

/// <summary>
/// The bottom of a <see cref="CountingOracle"/>'s chain as a command runs it: every query's label and
/// the running total go to a progress sink before the oracle is asked, and the first failure of the
/// oracle itself (it crashed, hung, answered malformed output, NaN or the wrong shape) is kept, so that
/// a caller can tell a broken oracle from an extraction that stopped for a reason of f or of the budget.
/// </summary>
/// <remarks>
/// The ledger is charged before a query is handed down, so the label of the query now arriving is the
/// ledger's last: the monitor reads it from the ledger instead of needing a hook in
/// <see cref="CountingOracle"/>. Answers are checked (<see cref="CheckedOracle"/>) here, under
/// the experiments, as well as above them: an answer the oracle itself got wrong is the oracle's
/// failure, while one that float32 rounding turned infinite is the experiment's.
/// </remarks>
public sealed class MonitoredOracle : IQueryOracle
{
    private readonly IQueryOracle _inner;
    private readonly IProgress<QueryProgress>? _progress;
    private QueryLedger? _ledger;

    private MonitoredOracle(IQueryOracle inner, string name, IProgress<QueryProgress>? progress)
    {
        _inner = new CheckedOracle(inner, name);
        _progress = progress;
    }

    /// <summary>
    /// <see cref="CountingOracle.Create"/> over <paramref name="oracle"/> with a monitor at the bottom of
    /// its chain; returns both, the monitor to ask afterwards whether the oracle itself failed.
    /// </summary>
    /// <param name="oracle">The oracle: a model, a process.</param>
    /// <param name="name">Its name in error messages.</param>
    /// <param name="options">Budget, float32 outputs, noise, domain.</param>
    /// <param name="progress">Told of every query before it is asked (synchronously, on the querying thread); null for none.</param>
    /// <exception cref="ArgumentException">As <see cref="CountingOracle.Create"/>.</exception>
    public static (CountingOracle Oracle, MonitoredOracle Monitor) Create(IQueryOracle oracle, string name, OracleOptions options, IProgress<QueryProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(oracle);
        var monitor = new MonitoredOracle(oracle, name, progress);
        var counting = CountingOracle.Create(monitor, name, options);
        monitor._ledger = counting.Ledger;
        return (counting, monitor);
    }

    /// <summary>The first failure of the oracle itself; null while it has answered every query.</summary>
    public OracleException? Failure { get; private set; }

    /// <summary>The label of the last query asked; null before the first.</summary>
    public QueryLabel? LastLabel { get; private set; }

    /// <inheritdoc />
    public int InputSize => _inner.InputSize;

    /// <inheritdoc />
    public int OutputSize => _inner.OutputSize;

    /// <inheritdoc />
    /// <exception cref="OracleException">The oracle failed or answered something unusable; kept in <see cref="Failure"/>.</exception>
    public Matrix Query(Matrix inputs)
    {
        if (_ledger is { } ledger)
        {
            LastLabel = ledger.LastLabel;
            if (LastLabel is { } current) _progress?.Report(new QueryProgress(current, ledger.Total, ledger.Budget));
        }
        try
        {
            return _inner.Query(inputs);
        }
        catch (OracleException e)
        {
            Failure ??= e;
            throw;
        }
    }
}
