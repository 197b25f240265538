using NetSym.Canonical;
using NetSym.Extraction;
using NetSym.LinearAlgebra;
using NetSym.Networks;
using NetSym.Randomness;
using NetSym.Reduction;
using NetSym.Symmetries;

namespace NetSym.Tests.Extraction;

/// <summary>The certificate measures |f − f̂| on fresh inputs, counted under verification, and fingerprints the orbit of f̂.</summary>
public class ExtractionCertificateTests
{
    private static ExtractionCertificate Certify(Network truth, Network recovered, int points, long? budget = null, Box? domain = null, long seed = 1)
    {
        var oracle = CountingOracle.Create(new NetworkOracle(truth), "truth", new OracleOptions { MaxQueries = budget, Domain = domain });
        return ExtractionCertificate.Compute(oracle, recovered, new CertificateOptions { Points = points, Seed = seed }, LinearAlgebraBackends.Default);
    }

    [Fact]
    public void ASymmetricCopyOfTheTruthHasNoErrorBeyondRoundingAndTheTruthsFingerprint()
    {
        var truth = ShallowTruth.Create(5, 7, 2, 1);
        var copy = SymmetryGroup.Of(truth).RandomElement(RandomKey.FromSeed(2).Stream()).Apply(truth);
        var certificate = Certify(truth, copy, 3000);
        Assert.True(certificate.MaxRelativeError < 1e-13, $"{certificate.MaxRelativeError}");
        Assert.Equal(-Math.Log2(certificate.MaxRelativeError), certificate.Bits, 12);
        Assert.Equal(Fingerprint.Of(Reducer.Reduce(truth).Network), certificate.Fingerprint);
        Assert.Equal(ExtractionCertificate.MaxBits, Certify(truth, truth, 100).Bits);
    }

    [Fact]
    public void AShiftedOutputBiasIsMeasuredExactly()
    {
        var truth = ShallowTruth.Create(4, 6, 1, 3);
        const double delta = 1.0 / 1024;
        var shifted = truth.WithLayer(1, truth.Layers[1].With(truth.Layers[1].Weights, [truth.Layers[1].Bias[0] + delta]));
        var certificate = Certify(truth, shifted, 500);
        Assert.Equal(delta, certificate.MaxAbsoluteError, 12);
        Assert.Equal(certificate.MaxAbsoluteError / certificate.OutputMagnitude, certificate.MaxRelativeError);
        Assert.Equal(-Math.Log2(certificate.MaxRelativeError), certificate.Bits);
    }

    [Fact]
    public void EveryInputIsCountedUnderVerificationAndTheSameSeedGivesTheSameMeasure()
    {
        var truth = ShallowTruth.Create(3, 4, 1, 4);
        var perturbed = truth.WithParameters(truth.GetParameters().Select(v => v * (1 + 1e-6)).ToArray());
        var oracle = CountingOracle.Create(new NetworkOracle(truth), "truth", new OracleOptions());
        var options = new CertificateOptions { Points = 1234, Seed = 9 };
        var first = ExtractionCertificate.Compute(oracle, perturbed, options, LinearAlgebraBackends.Default);
        Assert.Equal(1234, oracle.Ledger.Count(ExtractionStage.Verification));
        Assert.Equal(1234, oracle.Ledger.Total);
        Assert.Equal(first.MaxAbsoluteError, Certify(truth, perturbed, 1234, seed: 9).MaxAbsoluteError);
    }

    [Fact]
    public void ABudgetTooSmallForEveryPointIsRefusedBeforeAnyQuery()
    {
        var truth = ShallowTruth.Create(3, 4, 1, 5);
        var inner = new NetworkOracle(truth);
        var oracle = CountingOracle.Create(inner, "truth", new OracleOptions { MaxQueries = 99 });
        Assert.Throws<QueryBudgetExceededException>(() =>
            ExtractionCertificate.Compute(oracle, truth, new CertificateOptions { Points = 100 }, LinearAlgebraBackends.Default));
        Assert.Equal(0, inner.RowsEvaluated);
    }

    [Fact]
    public void OnABoxTheInputsAreDrawnInsideIt()
    {
        var truth = ShallowTruth.Create(3, 5, 1, 6);
        var box = Box.Uniform(3, 0.25, 0.5);
        var inside = new DelegateOracle(3, 1, x =>
        {
            for (int i = 0; i < x.Rows; i++) Assert.True(box.Contains(x.Row(i)));
            return Forward.Evaluate(truth, x, LinearAlgebraBackends.Default);
        });
        var oracle = CountingOracle.Create(inside, "inside", new OracleOptions { Domain = box });
        // A critical point outside the box is left out rather than asked.
        double[][] critical = [[0.3, 0.4, 0.45], [0.3, 2, 0.45]];
        var certificate = ExtractionCertificate.Compute(oracle, truth, new CertificateOptions { Points = 200 }, LinearAlgebraBackends.Default, critical);
        Assert.Equal(box, certificate.Domain);
        Assert.Equal(0, certificate.MaxAbsoluteError);
        Assert.Equal(1, certificate.CriticalPoints);
        Assert.Equal(201, oracle.Ledger.Total);
    }

    /// <summary>
    /// A recovery with an extra unit whose surface lies far out (|x₁| = 100), where no Gaussian input goes:
    /// the fresh inputs see no error, the critical point past it does, and the bits are the worse of the two.
    /// Counted under verification, and refused whole by a budget too small for the points and them.
    /// </summary>
    [Fact]
    public void ADifferenceNoFreshInputReachesIsSeenAtTheCriticalPoints()
    {
        var truth = ShallowTruth.Create(2, 3, 1, 7);
        var hidden = truth.Layers[0];
        var output = truth.Layers[1];
        var extra = Network.Sequential(2,
        [
            ([.. hidden.Weights, 1, 0], [.. hidden.Bias, -100], new ReluActivation()),
            ([.. output.Weights, 1], [.. output.Bias], new IdentityActivation()),
        ]);
        double[][] critical = [[100, 0.5], [150, -0.25]];
        var oracle = CountingOracle.Create(new NetworkOracle(truth), "truth", new OracleOptions());
        var certificate = ExtractionCertificate.Compute(oracle, extra, new CertificateOptions { Points = 300 }, LinearAlgebraBackends.Default, critical);
        Assert.Equal(0, certificate.MaxAbsoluteError);
        Assert.Equal(2, certificate.CriticalPoints);
        Assert.Equal(50, certificate.MaxCriticalError, 9);
        Assert.Equal(certificate.MaxCriticalError / certificate.OutputMagnitude, certificate.MaxCriticalRelativeError);
        Assert.Equal(-Math.Log2(certificate.MaxCriticalRelativeError), certificate.Bits);
        Assert.Equal(302, oracle.Ledger.Count(ExtractionStage.Verification));
        var exact = Certify(truth, truth, 300);
        Assert.Equal(ExtractionCertificate.MaxBits, exact.Bits);

        var tight = CountingOracle.Create(new NetworkOracle(truth), "truth", new OracleOptions { MaxQueries = 301 });
        Assert.Throws<QueryBudgetExceededException>(() =>
            ExtractionCertificate.Compute(tight, extra, new CertificateOptions { Points = 300 }, LinearAlgebraBackends.Default, critical));
        Assert.Equal(0, tight.Ledger.Total);
    }
}
