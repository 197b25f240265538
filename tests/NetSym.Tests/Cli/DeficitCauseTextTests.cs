using NetSym.Cli.Analysis;
using NetSym.Dimension;
using NetSym.IO;
using NetSym.LinearAlgebra;
using NetSym.Networks;
using NetSym.Tests.Dimension;

namespace NetSym.Tests.Cli;

/// <summary>The causes table says in words what the library found as facts: the planted cases of DeficitCauseTests.</summary>
public class DeficitCauseTextTests
{
    private static readonly Matrix Batch = TestNetworks.GaussianInputs(60, 3, 11);

    private static string Only(Network network, Matrix inputs)
    {
        var result = FunctionalDimension.Compute(network, inputs, new FunctionalDimensionOptions { Method = RankMethod.Exact, Seed = 3 });
        return DeficitCauseText.Describe(network, result, Assert.Single(result.Causes));
    }

    [Fact]
    public void A_dead_neuron_is_never_active_on_every_input()
    {
        Assert.Equal("neuron 0 constant on all 60 inputs (relu in a piece of slope 0: never active)",
            Only(PlantedNetworks.WithBias(PlantedNetworks.Generic(), 0, 0, -100), Batch));
    }

    [Fact]
    public void An_always_active_neuron_is_affine_on_the_batch()
    {
        Assert.Equal("neuron 2 in one linear piece of relu on all 60 inputs (always active): affine on the batch, so a change of bias is absorbed by the consumers' biases",
            Only(PlantedNetworks.WithBias(PlantedNetworks.Generic(), 1, 2, 2), Batch));
    }

    [Fact]
    public void A_small_batch_names_its_rows_and_the_bound()
    {
        var network = PlantedNetworks.Generic();
        var result = FunctionalDimension.Compute(network, TestNetworks.GaussianInputs(5, 3, 11));
        var cause = Assert.Single(result.Causes, c => c.Kind == DeficitCauseKind.BatchTooSmall);
        Assert.Equal("the Jacobian has 10 rows (points × outputs), fewer than the bound 45: the rank cannot reach it",
            DeficitCauseText.Describe(network, result, cause));
    }

    [Fact]
    public void A_silent_weight_names_the_two_neurons_never_on_together()
    {
        var network = ModelFiles.Read(Path.Combine(AppContext.BaseDirectory, "Fixtures", "onnx", "relu_4_8_6_2.onnx"), null);
        Assert.Equal("weight [3,0] (from layer 0 neuron 0): on all 3000 inputs either layer 0 neuron 0 outputs 0 or neuron 3 does not reach the output — they are never on together, so the weight does not matter",
            Only(network, InputSampler.Gaussian(4).Draw(3000, 0)));
    }
}
