using NetSym.LinearAlgebra;
using NetSym.Randomness;

namespace NetSym.Extraction;

/// <summary>
/// Adds independent Gaussian noise N(0, σ²) to every output of every query: a robustness experiment
/// for extraction from noisy answers. Asking the same input twice gives two independent draws (so
/// averaging repeated queries reduces the noise, at the cost of the queries).
/// </summary>
/// <remarks>
/// The draws come from one <see cref="RandomStream"/> of the given key, in query order and row-major
/// order within a query: the same key and the same sequence of queries give the same bits. Not
/// thread-safe (the stream is not), which is why queries are serialised by <see cref="CountingOracle"/>.
/// </remarks>
internal sealed class NoisyOracle : IQueryOracle
{
    private readonly IQueryOracle _inner;
    private readonly double _sigma;
    private readonly RandomStream _noise;

    /// <summary>Noise of standard deviation <paramref name="sigma"/> drawn from <paramref name="key"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="sigma"/> is negative or not finite.</exception>
    public NoisyOracle(IQueryOracle inner, double sigma, RandomKey key)
    {
        if (!(sigma >= 0 && double.IsFinite(sigma)))
            throw new ArgumentOutOfRangeException(nameof(sigma), $"the noise level must be a finite number ≥ 0, got {sigma}");
        _inner = inner;
        _sigma = sigma;
        _noise = key.Stream();
    }

    public int InputSize => _inner.InputSize;

    public int OutputSize => _inner.OutputSize;

    public Matrix Query(Matrix inputs)
    {
        var answer = _inner.Query(inputs);
        var noisy = new Matrix(answer.Rows, answer.Columns);
        for (int k = 0; k < answer.Data.Length; k++) noisy.Data[k] = answer.Data[k] + _sigma * _noise.NextNormal();
        return noisy;
    }
}
