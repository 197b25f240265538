using System.Numerics.Tensors;
using NetSym.Canonical;
using NetSym.IO;
using NetSym.LinearAlgebra;
using NetSym.Networks;
using NetSym.Randomness;
using NetSym.Symmetries;
using NetSym.Tests.IO;
using NetSym.Tests.Symmetries;

namespace NetSym.Tests.Canonical;

/// <summary>
/// Alignment of convolutional and residual networks over their permutation specs: a planted spec element (channel
/// permutations with positive scalings for ReLU, sign flips for tanh, both for identity producers) is undone exactly,
/// and the alignment of two independent networks moves B closer to A by an element of the spec.
/// </summary>
public class ChannelAlignerTests
{
    private static readonly LinearAlgebraBackend Backend = LinearAlgebraBackends.Default;

    public static TheoryData<string> FixtureFiles() =>
    [
        "vgg_relu_3x16x16_opset11.onnx", "cnn1d_tanh_2x32_opset17.onnx", "grouped_relu_4x13x13_opset17.onnx",
        "bn_relu_3x12x12_kept_opset17.onnx", "resnet_relu_3x16x16_opset13.onnx", "resnet_relu_defaultbn_3x16x16_opset13.onnx",
        "resnet20_cifar_3x32x32_opset13.onnx",
    ];

    public static TheoryData<string> Activations() => ["relu", "tanh", "leaky_relu"];

    private static Activation Hidden(string name) => name switch
    {
        "relu" => new ReluActivation(),
        "tanh" => new TanhActivation(),
        _ => new LeakyReluActivation(0.1),
    };

    /// <summary>B = h·A for a random element h of A's spec; the alignment must give back A: parameters and outputs.</summary>
    private static void AssertRecovers(Network a, int seed, Matrix inputs)
    {
        var spec = PermutationSpec.Derive(a);
        var h = spec.RandomElement(RandomKey.FromSeed(seed).Stream());
        var b = spec.Apply(a, h);
        var result = Aligner.Align(a, b, Backend);
        AssertConsistent(a, b, result, inputs);
        Assert.True(result.Exact, $"seed {seed}: relative distance after {result.RelativeDistanceAfter:G3} (before {result.RelativeDistanceBefore:G3})");
        Assert.True(result.RelativeDistanceAfter <= 1e-12, $"seed {seed}: relative distance after {result.RelativeDistanceAfter:G3}");
        var fa = Forward.Evaluate(a, inputs, Backend);
        var fAligned = Forward.Evaluate(result.Aligned, inputs, Backend);
        double scale = 1 + fa.Data.Max(Math.Abs);
        Assert.True(fa.Data.Zip(fAligned.Data, (p, q) => Math.Abs(p - q)).Max() <= 1e-10 * scale);
    }

    /// <summary>The transform is an element of the spec, the aligned network is it applied to B, and the distances are recomputed.</summary>
    private static void AssertConsistent(Network a, Network b, AlignmentResult result, Matrix inputs)
    {
        var spec = PermutationSpec.Derive(b);
        Assert.Null(result.Element);
        Assert.NotNull(result.Transform);
        Assert.True(spec.Contains(result.Transform));
        var aligned = result.Aligned.GetParameters();
        Assert.Equal(spec.Apply(b, result.Transform).GetParameters(), aligned);
        var thetaA = a.GetParameters();
        Assert.Equal(TensorPrimitives.Distance(thetaA, b.GetParameters()), result.DistanceBefore, 12);
        Assert.Equal(TensorPrimitives.Distance(thetaA, aligned), result.DistanceAfter, 12);
        Assert.Equal(thetaA.Zip(aligned, (p, q) => Math.Abs(p - q)).Max(), result.MaxDeviation, 12);
        Assert.True(result.DistanceAfter <= result.DistanceBefore);
        // g is a symmetry: g·B computes what B computes.
        var fb = Forward.Evaluate(b, inputs, Backend);
        var fAligned = Forward.Evaluate(result.Aligned, inputs, Backend);
        double scale = 1 + fb.Data.Max(Math.Abs);
        Assert.True(fb.Data.Zip(fAligned.Data, (p, q) => Math.Abs(p - q)).Max() <= 1e-10 * scale);
    }

    [Theory]
    [MemberData(nameof(FixtureFiles))]
    public void A_planted_element_of_a_fixture_network_is_undone(string name)
    {
        string path = Fixtures.Onnx(Path.Combine("cnn", name));
        var a = OnnxModelReader.Read(path);
        var (inputs, _) = Fixtures.Expected(path);
        for (int seed = 0; seed < 3; seed++) AssertRecovers(a, seed, inputs);
    }

    [Theory]
    [MemberData(nameof(Activations))]
    public void A_planted_element_of_a_test_network_is_undone(string activation)
    {
        foreach (var a in ConvolutionalTestNetworks.All(Hidden(activation), 11))
        {
            var inputs = TestNetworks.GaussianInputs(20, a.InputSize, 3);
            for (int seed = 0; seed < 5; seed++) AssertRecovers(a, seed, inputs);
        }
    }

    /// <summary>
    /// 20 planted trials here (parameters only: the fixture test above checks outputs too); the benchmark
    /// ConvolutionalAlignmentBenchmarks runs 100 and throws unless all are exact.
    /// </summary>
    [Fact]
    public void Planted_permutations_and_rescalings_of_resnet20_are_undone_in_every_trial()
    {
        var a = FixtureSpecNetworks.ResNet20(7);
        var spec = PermutationSpec.Derive(a);
        for (int seed = 0; seed < 20; seed++)
        {
            var b = spec.Apply(a, spec.RandomElement(RandomKey.FromSeed(1000 + seed).Stream()));
            var result = Aligner.Align(a, b, Backend);
            Assert.True(result.Exact && result.RelativeDistanceAfter <= 1e-12, $"seed {seed}: relative distance after {result.RelativeDistanceAfter:G3}");
            Assert.True(spec.Contains(result.Transform!));
        }
    }

    [Theory]
    [MemberData(nameof(Activations))]
    public void Aligning_independent_networks_reduces_the_distance_by_an_element_of_the_spec(string activation)
    {
        var hidden = Hidden(activation);
        var pairs = ConvolutionalTestNetworks.All(hidden, 21).Zip(ConvolutionalTestNetworks.All(hidden, 41));
        foreach (var (a, b) in pairs)
        {
            var result = Aligner.Align(a, b, Backend);
            AssertConsistent(a, b, result, TestNetworks.GaussianInputs(20, a.InputSize, 3));
            Assert.True(result.DistanceAfter < result.DistanceBefore, $"{a.Architecture}: {result.DistanceBefore} → {result.DistanceAfter}");
            Assert.False(result.Exact);
        }
    }

    [Fact]
    public void Aligning_independent_resnet20_inits_reduces_the_distance()
    {
        var a = FixtureSpecNetworks.ResNet20(1);
        var b = FixtureSpecNetworks.ResNet20(2);
        var result = Aligner.Align(a, b, Backend);
        AssertConsistent(a, b, result, TestNetworks.GaussianInputs(2, a.InputSize, 5));
        Assert.True(result.DistanceAfter < result.DistanceBefore);
        Assert.Equal(AlignmentStage.WeightMatching, result.Stage);
    }

    [Fact]
    public void Networks_of_other_architectures_are_refused()
    {
        var a = ConvolutionalTestNetworks.Vgg(new ReluActivation(), 1);
        var b = ConvolutionalTestNetworks.OneDimensional(new ReluActivation(), 1);
        var e = Assert.Throws<ArgumentException>(() => Aligner.Align(a, b, Backend));
        Assert.StartsWith("cannot align networks of different architectures", e.Message);
    }
}
