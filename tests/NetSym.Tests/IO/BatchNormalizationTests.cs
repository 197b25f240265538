using NetSym.IO;
using NetSym.LinearAlgebra;
using NetSym.Networks;

namespace NetSym.Tests.IO;

/// <summary>Inference-mode BatchNormalization after a linear map is folded at load, said so, and reproduces PyTorch; training mode is refused.</summary>
public class BatchNormalizationTests
{
    [Theory]
    [InlineData("bn_mlp_relu_tanh_6_10_8_3_opset11.onnx")]
    [InlineData("bn_mlp_relu_tanh_6_10_8_3_opset17.onnx")]
    public void PyTorchsBatchNorm1dIsFoldedIntoTheLinearLayerBeforeIt(string name)
    {
        string path = Fixtures.Onnx(name);
        var notes = new List<string>();
        var network = OnnxModelReader.Read(path, notes);
        Assert.Equal("6-10-8-3", network.Architecture);
        Assert.Equal(["relu", "tanh", "identity"], network.Layers.Select(l => l.Activation.Spec));
        Assert.Equal(2, notes.Count);
        Assert.All(notes, n => Assert.Matches(@"^BatchNormalization \(node '.+'\) folded into Gemm \(node '.+'\)", n));
        var (inputs, outputs) = Fixtures.Expected(path);
        Float32Agreement.AssertAgrees(outputs, Forward.Evaluate(network, inputs, LinearAlgebraBackends.Default));
    }

    [Fact]
    public void A_hand_built_batch_norm_folds_to_the_closed_form()
    {
        // y = γ·(W·x + b − μ)/√(σ² + ε) + β on one neuron reading two inputs; identity initializer aliases on the way.
        double gamma = -1.5, beta = 0.25, mu = 0.5, variance = 3, epsilon = 1;
        var bytes = new OnnxGraphBuilder("x", null, 2)
            .Float("w", [1, 2], 2, -4).Float("b", [1], 1)
            .Float("gamma", [1], gamma).Float("beta", [1], beta).Float("mu", [1], mu).Float("var", [1], variance)
            .Node("Identity", "alias", ["w"], "w_alias")
            .Node("Gemm", "gemm", ["x", "w_alias", "b"], "z", ("transB", 1L))
            .Node("BatchNormalization", "bn", ["z", "gamma", "beta", "mu", "var"], "y", ("epsilon", (float)epsilon))
            .Build("y");
        var notes = new List<string>();
        var network = OnnxModelReader.Parse(bytes, "bn.onnx", notes);
        double s = gamma / Math.Sqrt(variance + epsilon);
        Assert.Equal([2 * s, -4 * s, s * (1 - mu) + beta], network.GetParameters());
        Assert.Equal("BatchNormalization (node 'bn') folded into Gemm (node 'gemm') (ε = 1)", Assert.Single(notes));
    }

    [Fact]
    public void Training_mode_and_a_batch_norm_without_a_linear_map_before_it_are_refused_by_name()
    {
        var training = Assert.Throws<ModelFileException>(() => OnnxModelReader.Read(Fixtures.Onnx("bn_mlp_training_mode_opset17.onnx")));
        Assert.Contains("BatchNormalization", training.Message);
        Assert.Contains("training mode", training.Message);
        Assert.Contains("bn_mlp_training_mode_opset17.onnx", training.Message);

        var first = new OnnxGraphBuilder("x", null, 1)
            .Float("gamma", [1], 1).Float("beta", [1], 0).Float("mu", [1], 0).Float("var", [1], 1)
            .Node("BatchNormalization", "bn", ["x", "gamma", "beta", "mu", "var"], "y").Build("y");
        Assert.Contains("does not follow a Gemm or MatMul", Assert.Throws<ModelFileException>(() => OnnxModelReader.Parse(first, "first.onnx")).Message);

        var negative = new OnnxGraphBuilder("x", null, 1).Float("w", [1, 1], 1)
            .Float("gamma", [1], 1).Float("beta", [1], 0).Float("mu", [1], 0).Float("var", [1], -2)
            .Node("Gemm", "gemm", ["x", "w"], "z", ("transB", 1L))
            .Node("BatchNormalization", "bn", ["z", "gamma", "beta", "mu", "var"], "y").Build("y");
        Assert.Contains("input_var[0]", Assert.Throws<ModelFileException>(() => OnnxModelReader.Parse(negative, "neg.onnx")).Message);
    }
}
