namespace NetSym.Extraction;

/// <summary>
/// An oracle that could not answer or answered something unusable: the wrong number of rows or
/// columns, NaN or infinity, a process that exited, hung or wrote malformed output, a model that failed
/// to run. The message names the oracle and the problem.
/// </summary>
public sealed class OracleException(string oracle, string problem, Exception? inner = null)
    : Exception($"oracle {oracle}: {problem}", inner)
{
    /// <summary>The oracle concerned, as its user named it (a model file, a quoted command).</summary>
    public string Oracle { get; } = oracle;

    /// <summary>What is wrong, without the oracle's name.</summary>
    public string Problem { get; } = problem;
}
