using NetSym.LinearAlgebra;
using NetSym.Networks;

namespace NetSym.Extraction;

/// <summary>
/// The oracle as an extractor sees it: f's sizes, the domain to sample in, and labelled batch
/// queries that are counted in <see cref="Ledger"/> and never exceed its budget. It holds the oracle
/// behind a chain of wrappers and gives no way to reach it, so an extractor cannot see weights.
/// </summary>
/// <remarks>
/// The chain, from the caller down: domain check (a caller bug is refused before anything is
/// counted or evaluated) → answer check (<see cref="OracleException"/>) → noise → float32 rounding →
/// the oracle. The answer check sits above the experiments so that a float32 overflow is caught too.
/// Queries are serialised: the noise stream and an external process answer one at a time.
/// </remarks>
public sealed class CountingOracle
{
    private readonly IQueryOracle _oracle;
    private readonly DomainOracle? _domain;
    private readonly Lock _lock = new();

    private CountingOracle(IQueryOracle oracle, DomainOracle? domain, QueryLedger ledger)
    {
        _oracle = oracle;
        _domain = domain;
        Ledger = ledger;
    }

    /// <summary>
    /// Puts <paramref name="oracle"/> behind the checks and experiments of <paramref name="options"/>
    /// and a fresh ledger with the options' budget.
    /// </summary>
    /// <param name="oracle">The oracle: a model, a process, a network in a test.</param>
    /// <param name="name">Its name in error messages (a model file, a quoted command).</param>
    /// <param name="options">Budget, float32 outputs, noise, domain.</param>
    /// <exception cref="ArgumentException">A domain of another dimension than the oracle's inputs, a negative budget or noise level, or an oracle of no inputs or outputs.</exception>
    public static CountingOracle Create(IQueryOracle oracle, string name, OracleOptions options)
    {
        ArgumentNullException.ThrowIfNull(oracle);
        if (oracle.InputSize <= 0 || oracle.OutputSize <= 0)
            throw new ArgumentException($"oracle {name} has {oracle.InputSize} inputs and {oracle.OutputSize} outputs; both must be positive");
        var ledger = new QueryLedger(options.MaxQueries);
        var chain = oracle;
        if (options.Float32Outputs) chain = new Float32OutputOracle(chain);
        if (options.NoiseSigma != 0) chain = new NoisyOracle(chain, options.NoiseSigma, options.NoiseKey);
        chain = new CheckedOracle(chain, name);
        if (options.Domain is not { } box) return new CountingOracle(chain, null, ledger);
        var domain = new DomainOracle(chain, box);
        return new CountingOracle(domain, domain, ledger);
    }

    /// <summary>Number of inputs d of f.</summary>
    public int InputSize => _oracle.InputSize;

    /// <summary>Number of outputs m of f.</summary>
    public int OutputSize => _oracle.OutputSize;

    /// <summary>The box every query must lie in; null when any input of ℝ^d may be asked.</summary>
    public Box? Domain => _domain?.Domain;

    /// <summary>The rows spent so far, per label, and the budget.</summary>
    public QueryLedger Ledger { get; }

    /// <summary>
    /// f of every row of <paramref name="inputs"/>, its rows counted under <paramref name="label"/>:
    /// a fresh matrix of checked, finite answers. A query is charged whole when it is handed on, so a
    /// query whose oracle then fails stays counted; an empty query costs nothing.
    /// </summary>
    /// <exception cref="ArgumentException">The inputs do not have <see cref="InputSize"/> columns, hold NaN or an infinity, or a row lies outside <see cref="Domain"/>: a bug in the caller, refused before anything is counted.</exception>
    /// <exception cref="QueryBudgetExceededException">The rows would take the total past the budget: nothing was evaluated or counted.</exception>
    /// <exception cref="OracleException">The oracle failed or answered something unusable.</exception>
    public Matrix Query(QueryLabel label, Matrix inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Columns != InputSize)
            throw new ArgumentException($"query has {inputs.Columns} columns, but the oracle takes {InputSize} inputs", nameof(inputs));
        if (inputs.Rows == 0) return new Matrix(0, OutputSize);
        int bad = Array.FindIndex(inputs.Data, v => !double.IsFinite(v));
        if (bad >= 0)
            throw new ArgumentException($"query row {bad / InputSize} has {inputs.Data[bad]} at coordinate {bad % InputSize}: inputs must be finite", nameof(inputs));
        // A row outside the domain is refused before it is counted (the domain wrapper checks again, cheaply).
        _domain?.Check(inputs);
        lock (_lock)
        {
            if (!Ledger.TryCharge(label, inputs.Rows)) throw new QueryBudgetExceededException(Ledger, label, inputs.Rows);
            return _oracle.Query(inputs);
        }
    }
}
