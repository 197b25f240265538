using NetSym.LinearAlgebra;
using NetSym.Networks;

namespace NetSym.Dimension;

/// <summary>
/// The exact rank of a batch that may grow: inputs arrive in blocks (those on a breakpoint kept, with
/// PyTorch's ρ′ there, and counted), and
/// the rank mod the first prime is kept up to date — by a fresh elimination while the batch is smaller
/// than the bound, then by a <see cref="GrowingKernel"/> that costs one product per new block. The
/// other primes, the causes and the kernel directions are settled once, on the final batch.
/// </summary>
internal sealed class ExactSession
{
    private readonly Network _network;
    private readonly FunctionalDimensionOptions _options;
    private readonly LinearAlgebraBackend _backend;
    private readonly PrimeField[] _primes;
    private readonly PrimeField _check;
    private readonly List<Matrix> _blocks = [];
    private readonly List<int> _onBreakpoint = [];
    private int _recomputed, _rank;
    private GrowingKernel? _kernel;

    public ExactSession(Network network, FunctionalDimensionOptions options, LinearAlgebraBackend backend)
    {
        _network = network;
        _options = options;
        _backend = backend;
        var draws = PrimeField.Draws(options.Seed);
        _primes = [.. draws.Take(options.Primes)];
        _check = draws.Skip(options.Primes).First(p => _primes.All(q => q.P != p.P));
        Bound = FunctionalDimension.Bound(network);
    }

    public int Bound { get; }

    /// <summary>Inputs so far.</summary>
    public int Points => _blocks.Sum(b => b.Rows);

    /// <summary>Rows of the Jacobian of the inputs so far.</summary>
    public int Rows => Points * _network.OutputSize;

    /// <summary>The rank mod the first prime of the inputs so far.</summary>
    public int Rank => _kernel?.Rank ?? _rank;

    /// <summary>
    /// Adds the next inputs of the stream and updates the rank; from the
    /// first call with <paramref name="track"/> on, the kernel is kept instead of being recomputed.
    /// </summary>
    /// <param name="inputs">The next points of the stream.</param>
    /// <param name="track">Keep the kernel from now on.</param>
    /// <param name="within">Told how far a fresh elimination has got.</param>
    public void Add(Matrix inputs, bool track, Action<double>? within = null)
    {
        var pattern = ActivationPattern.Certify(_network, inputs, _backend);
        _recomputed += pattern.ExactSamples;
        int offset = Points;
        _onBreakpoint.AddRange(pattern.SamplesOnKinks.Select(i => offset + i));
        _blocks.Add(inputs);
        if (_kernel is not null)
        {
            _kernel.Add(ModularParameterJacobian.Compute(_network, inputs, _primes[0], pattern, _backend));
            return;
        }
        var all = Batch();
        var j = ModularParameterJacobian.Compute(_network, all, _primes[0], null, _backend);
        if (track) _kernel = GrowingKernel.Of(_primes[0], j, _backend);
        // The Jacobian is not needed afterwards: eliminate in place rather than holding two copies.
        else _rank = ModularRank.ComputeInPlace(_primes[0], j.Data, j.Rows, j.Columns, _backend, within).Rank;
    }

    /// <summary>The stages of an exact run: the first prime (as the batch grows), each further prime, the kernel directions.</summary>
    public static int FinishStages(FunctionalDimensionOptions options) => options.Primes + 1;

    /// <summary>The result on all inputs: the best rank over the primes, the causes and the kernel directions.</summary>
    public FunctionalDimensionResult Finish(ProgressStages stages)
    {
        var inputs = Batch();
        var pattern = ActivationPattern.Certify(_network, inputs, _backend);
        int rows = Rows;
        var best = BestRankOverPrimes.Find(_primes, Math.Min(rows, Bound), field =>
        {
            if (ReferenceEquals(field, _primes[0])) return Rank; // kept up to date as the batch grew
            stages.Begin($"rank mod {field.P} on {inputs.Rows} points");
            var j = Jacobian(inputs, pattern, field);
            return ModularRank.ComputeInPlace(field, j.Data, j.Rows, j.Columns, _backend, stages.Within).Rank;
        }, r => r)!;
        var causes = DeficitCauses.Find(_network, inputs, pattern, rows, Bound, best.Rank, _backend);
        stages.Begin("deficit causes and kernel directions");
        var kernel = Directions(inputs, pattern, best.Rank, best.Field, causes);
        return new FunctionalDimensionResult(best.Rank, Bound, _network.ParameterCount, inputs.Rows, rows, RankMethod.Exact,
            null, null, best.Tried, [.. _onBreakpoint], _recomputed, _backend.Description, causes, kernel);
    }

    /// <summary>The kernel directions beyond the group's on the inputs so far, mod the first prime.</summary>
    public KernelDirections Directions(IReadOnlyList<DeficitCause> causes)
    {
        var inputs = Batch();
        return Directions(inputs, ActivationPattern.Certify(_network, inputs, _backend), Rank, _primes[0], causes);
    }

    private KernelDirections Directions(Matrix inputs, ActivationPattern pattern, int rank, PrimeField field, IReadOnlyList<DeficitCause> causes)
    {
        if (KernelDirections.SkipBefore(rank, Bound, Rows, _options.KernelDirections) is { } skipped) return skipped;
        if (!_network.HasDenseLayersOnly) return KernelDirections.Skipped(KernelStatus.NeedsDenseLayers);
        var kernel = field == _primes[0] && _kernel is not null
            ? _kernel
            : GrowingKernel.Of(field, Jacobian(inputs, pattern, field), _backend);
        var (reduced, free) = kernel.Reduced();
        var found = HiddenDirections.Find(_network, reduced, free, field, _check, p => Jacobian(inputs, pattern, p), causes, _backend);
        var tangents = SymmetryTangents.Compute(_network, field);
        int explained = CauseDirections.Explained(_network, inputs, pattern, causes, field, Jacobian(inputs, pattern, field), tangents, found.TangentRank, _backend);
        return found with { Explained = explained };
    }

    private Matrix Jacobian(Matrix inputs, ActivationPattern pattern, PrimeField field) =>
        ModularParameterJacobian.Compute(_network, inputs, field, pattern, _backend);

    private Matrix Batch() => _blocks.Count == 1 ? _blocks[0] : Concatenate(_blocks);

    private static Matrix Concatenate(IReadOnlyList<Matrix> blocks)
    {
        var all = new Matrix(blocks.Sum(b => b.Rows), blocks[0].Columns);
        int offset = 0;
        foreach (var block in blocks)
        {
            block.Data.CopyTo(all.Data, (long)offset * all.Columns);
            offset += block.Rows;
        }
        return all;
    }
}
