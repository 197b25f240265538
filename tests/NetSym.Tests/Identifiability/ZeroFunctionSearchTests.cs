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
        AssertIndependentlyZeroAndIrreducible(result.Witness!.Candidate.Network);
    }

    [Fact]
    public void TheNumericalSearchAloneFindsAReluWitness()
    {
        var options = new ZeroSearchOptions { Constructive = false, MaxInputs = 1, MaxHiddenLayers = 1, MaxWidth = 4, Starts = 8, Iterations = 100 };
        var result = ZeroFunctionSearch.Run(new ReluActivation(), options, new RandomKey(7), Backend);
        Assert.Empty(result.Constructive);
        Assert.True(result.Found);
        Assert.StartsWith("numerical", result.Witness!.Candidate.Origin);
        // Float64 weights from a minimiser: zero to the tolerance, not exactly, so the independent check is in float64.
        var network = result.Witness.Candidate.Network;
        Assert.True(ZeroFunctionCheck.Verify(network, options with { GridRadius = 50 }, Backend).RealisesZero);
        Assert.Empty(Reducer.Reduce(network).Steps);
    }

    private static void AssertIndependentlyZeroAndIrreducible(Network network)
    {
        var rho = network.Layers[0].Activation;

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
    public void TanhNeuronsReadingOneNarrowSignalCancelToTheToleranceButAreNotAWitness()
    {
        // Found by an early version of the search (seed 6, 24 starts): the three second-layer neurons read
        // one signal s = −0.0352·h₁ − 0.0166·h₂ (proportional rows) whose range is about 0.1, on which
        // tanh is nearly a polynomial, so their sum cancels to 1e-10 without any identity behind it.
        var network = Network.Sequential(2,
        [
            ([-2.5992260726023724, -0.9340227958662298, -1.876925145119038, 0.5620391819159701], [-0.8473305713170146, 0.6313289047277607], new TanhActivation()),
            ([-0.035219081916144146, -0.016581390539157297, 0.028969492580916432, 0.01363901799973634, -0.021217615105645037, -0.00998939555061726],
                [0.9748947833673973, 0.10197508607081986, 0.8281259352663246], new TanhActivation()),
            ([0.3977019467221303, -0.14764695846931997, -0.90555703146085], [0.33168829182329435], new IdentityActivation()),
        ]);
        var check = ZeroFunctionCheck.Verify(network, new ZeroSearchOptions(), Backend);
        Assert.True(check.RealisesZero);
        Assert.Empty(check.Reduction.Steps);
        Assert.Equal([new Neuron(1, 0), new Neuron(1, 1), new Neuron(1, 2)], check.Narrow);
        Assert.False(check.Passed);
        // An identity would survive widening the signal; this cancellation does not: ×10 on the second layer's weights breaks it.
        var second = network.Layers[1];
        var widened = network.WithLayer(1, second.With([.. second.Weights.ToArray().Select(w => 10 * w)], second.Bias));
        var far = ZeroFunctionCheck.Verify(widened, new ZeroSearchOptions(), Backend);
        Assert.False(far.RealisesZero);
        Assert.True(far.MaxRelativeResidual > 1e3 * check.MaxRelativeResidual);
    }

    [Fact]
    public void ASaturatedTanhPairIsNearlyConstantAndNotAWitness()
    {
        // Deep in saturation tanh(z + b) ≈ e^(−2b)·tanh(z) + 1 − e^(−2b), nearly an affine symmetry: two
        // second-layer neurons there cancel to the tolerance. Their outputs barely move: nearly constant.
        var network = Network.Sequential(1,
        [
            ([-0.16472044690263782, 4.494199329276873], [-1.4568002249057, 1.4888238569717664], new TanhActivation()),
            ([-0.04026968020129591, -0.027429513146819396, -0.04017023117059427, -0.02736181652735913], [3.0303868955245385, 3.4488455085014897], new TanhActivation()),
            ([0.39743865849690063, -0.9176287444997483], [0.5201879475145677], new IdentityActivation()),
        ]);
        var check = ZeroFunctionCheck.Verify(network, new ZeroSearchOptions(), Backend);
        Assert.True(check.RealisesZero);
        Assert.Empty(check.Reduction.Steps);
        Assert.Contains(new Neuron(1, 0), check.NearlyConstant);
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
