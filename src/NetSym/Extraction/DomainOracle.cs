using NetSym.LinearAlgebra;
using NetSym.Networks;

namespace NetSym.Extraction;

/// <summary>
/// Restricts queries to a box of inputs (images in [0,1]^784, say): the extractor samples inside
/// <see cref="Domain"/>, and a query with a row outside it is a bug in the caller, refused whole
/// before anything is evaluated.
/// </summary>
internal sealed class DomainOracle : IQueryOracle
{
    private readonly IQueryOracle _inner;

    /// <exception cref="ArgumentException">The box's dimension is not the oracle's input size.</exception>
    public DomainOracle(IQueryOracle inner, Box domain)
    {
        if (domain.Dimension != inner.InputSize)
            throw new ArgumentException($"the domain has {domain.Dimension} coordinates but the oracle takes {inner.InputSize} inputs");
        _inner = inner;
        Domain = domain;
    }

    /// <summary>The box every queried row must lie in.</summary>
    public Box Domain { get; }

    public int InputSize => _inner.InputSize;

    public int OutputSize => _inner.OutputSize;

    public Matrix Query(Matrix inputs)
    {
        Check(inputs);
        return _inner.Query(inputs);
    }

    /// <summary>Refuses <paramref name="inputs"/> unless every row lies in <see cref="Domain"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A row lies outside <see cref="Domain"/> (or holds NaN); the message names the row and coordinate.</exception>
    public void Check(Matrix inputs)
    {
        for (int i = 0; i < inputs.Rows; i++)
        {
            var row = inputs.Row(i);
            if (Domain.Contains(row)) continue;
            int k = 0;
            while (row[k] >= Domain.Lower[k] && row[k] <= Domain.Upper[k]) k++;
            throw new ArgumentOutOfRangeException(nameof(inputs),
                $"query row {i} leaves the domain: coordinate {k} is {row[k]:R}, outside [{Domain.Lower[k]:R}, {Domain.Upper[k]:R}]");
        }
    }
}
