using NetSym.LinearAlgebra;

namespace NetSym.Cli.Analysis;

/// <summary>What <c>netsym analyze</c> looks at, and the settings every section shares.</summary>
/// <param name="Model">The network and where it came from.</param>
/// <param name="Seed">The seed for every random draw (--seed).</param>
/// <param name="Backend">The linear-algebra engine every computation runs on, named in the report.</param>
/// <param name="PlotDirectory">Where sections that have figures write them (--plots DIR, checked beforehand), or null for none.</param>
internal sealed record AnalysisSubject(LoadedModel Model, int Seed, LinearAlgebraBackend Backend, string? PlotDirectory = null);
