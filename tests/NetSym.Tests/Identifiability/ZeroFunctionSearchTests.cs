using NetSym.Identifiability;
using NetSym.LinearAlgebra;
using NetSym.Networks;
using NetSym.Randomness;
using NetSym.Reduction;

namespace NetSym.Tests.Identifiability;

public class ZeroFunctionSearchTests
{
    private static readonly LinearAlgebraBackend Backend = LinearAlgebraBackends.Default;

    // A small space keeps the class to seconds: one input, widths up to 3, two starts per architecture.
    private static readonly ZeroSearchOptions Small = new() { MaxWidth = 3, MaxInputs = 1, Starts = 2, Iterations = 100 };

    [Theory]
    [InlineData("identity")]
    [InlineData("relu")]
    [InlineData("softplus")]
    [InlineData("gelu")]
    [InlineData("hardtanh")]
    [InlineData("relu6")]
    public void AWitnessIsFoundAndIndependentlyZeroAndIrreducible(string name)
    {
        var rho = ActivationCatalog.Parse(name);
        var result = ZeroFunctionSearch.Run(rho, Small, new RandomKey(7), Backend);
        Assert.True(result.Found);
        var network = result.Witness!.Candidate.Network;

        // Independent of the check's grid: random inputs, far and near, against the size of the cancelling terms.
        var random = new RandomKey(99).Stream();
        var x = new Matrix(200, network.InputSize);
        for (int i = 0; i < x.Data.Length; i++) x.Data[i] = (random.NextDouble() - 0.5) * Math.Pow(10, random.NextInt32(6));
        var outputs = Forward.Evaluate(network, x, Backend);
        var hidden = Forward.Trace(network, x, Backend).Nodes[^2];
        var output = network.Layers[^1];
        for (int i = 0; i < x.Rows; i++)
        {
            double terms = Math.Abs(output.Bias[0]);
            for (int j = 0; j < hidden.Columns; j++) terms += Math.Abs(output.Weight(0, j) * hidden[i, j]);
            Assert.True(Math.Abs(outputs[i, 0]) <= 1e-9 * terms, $"f(x_{i}) = {outputs[i, 0]}, terms {terms}");
        }
        if (rho.IsPiecewiseLinear)
        {
            var exact = new ExactEvaluation(network);
            for (int i = 0; i < x.Rows; i++) Assert.Equal(0, exact.Trace(x.Row(i)).Outputs[0].Sign);
        }
        // Irreducible with exact decisions, every hidden neuron with nonzero incoming and outgoing weights.
        Assert.Empty(Reducer.Reduce(network).Steps);
        var hiddenLayer = network.Layers[0];
        for (int j = 0; j < hiddenLayer.OutputSize; j++)
        {
            Assert.Contains(Enumerable.Range(0, hiddenLayer.InputSize), k => hiddenLayer.Weight(j, k) != 0);
            Assert.NotEqual(0, network.Layers[^1].Weight(0, j));
        }
    }

    [Fact]
    public void NoneIsFoundForTanhAndEveryCandidateFailsVerification()
    {
        var result = ZeroFunctionSearch.Run(new TanhActivation(), Small, new RandomKey(7), Backend);
        Assert.False(result.Found);
        Assert.All(result.Constructive, o => Assert.False(o.Verification.RealisesZero));
        Assert.Equal(ZeroFunctionSearch.Architectures(Small).Count, result.Architectures.Count);
        Assert.All(result.Architectures, a => Assert.Equal(0, a.Found));
        // A start that fits 0 on the samples vanishes only there, or only at a degenerate network.
        Assert.All(result.Architectures, a => Assert.Equal(a.Converged, a.NotZeroOnGrid + a.Degenerate));
    }

    [Fact]
    public void ACancellationOfScaledTwinsIsDegenerate()
    {
        // relu(x) − relu(−x) − (relu(2x) − relu(−2x))/2 = 0, but relu(2x) = 2·relu(x): the reducer merges the pairs.
        var network = Network.Sequential(1,
        [
            ([1, -1, 2, -2], [0, 0, 0, 0], new ReluActivation()),
            ([1, -1, -0.5, 0.5], [0], new IdentityActivation()),
        ]);
        var check = ZeroFunctionCheck.Verify(network, Small, Backend);
        Assert.True(check.ExactlyZero);
        Assert.False(check.Irreducible);
        Assert.False(check.Passed);
    }

    [Fact]
    public void TheSearchIsReproducibleFromItsKey()
    {
        var a = ZeroFunctionSearch.Run(new TanhActivation(), Small with { MaxWidth = 2, MaxHiddenLayers = 1 }, new RandomKey(3), Backend);
        var b = ZeroFunctionSearch.Run(new TanhActivation(), Small with { MaxWidth = 2, MaxHiddenLayers = 1 }, new RandomKey(3), Backend);
        Assert.Equal(a.Architectures.Select(x => x.BestSampleResidual), b.Architectures.Select(x => x.BestSampleResidual));
    }

    [Fact]
    public void BadOptionsAreRefused()
    {
        Assert.Throws<ArgumentException>(() => ZeroFunctionSearch.Run(new TanhActivation(), Small with { MaxWidth = 1 }, new RandomKey(1), Backend));
        Assert.Throws<ArgumentException>(() => ZeroFunctionSearch.Run(new TanhActivation(), Small with { MaxHiddenLayers = 3 }, new RandomKey(1), Backend));
    }
}
