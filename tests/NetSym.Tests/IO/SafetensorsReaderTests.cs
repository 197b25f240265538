using NetSym.IO;
using NetSym.Networks;

namespace NetSym.Tests.IO;

/// <summary>The safetensors reader on state_dicts laid out as PyTorch writes them.</summary>
public class SafetensorsReaderTests
{
    private static readonly Activation Tanh = new TanhActivation();

    private static Network Read(byte[] bytes) => SafetensorsReader.Parse(bytes, "m.safetensors", Tanh);

    [Fact]
    public void SequentialStateDictReadsWeightsBiasesAndActivations()
    {
        var network = Read(new SafetensorsBuilder()
            .F32("0.weight", [2, 3], 1, 2, 3, 4, 5, 6).F32("0.bias", [2], 0.5, -0.5)
            .F32("2.weight", [1, 2], 7, 8).F32("2.bias", [1], 9).Build());
        Assert.Equal("3-2-1", network.Architecture);
        Assert.Equal([1.0, 2, 3, 4, 5, 6, 0.5, -0.5, 7, 8, 9], network.GetParameters());
        Assert.Equal(["tanh", "identity"], network.Layers.Select(l => l.Activation.Spec));
    }

    [Fact]
    public void NumericPrefixesAreOrderedAsNumbersWhateverTheDataOrder()
    {
        // "10" sorts before "2" as text, and its data comes first; only 0 → 2 → 10 chains 3 → 4 → 2 → 1.
        var network = Read(new SafetensorsBuilder()
            .F32("10.weight", [1, 2], 1, 2)
            .F32("2.weight", [2, 4], 1, 2, 3, 4, 5, 6, 7, 8)
            .F32("0.weight", [4, 3], 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12)
            .Build());
        Assert.Equal("3-4-2-1", network.Architecture);
    }

    [Fact]
    public void SequentialInsideAModuleIsOrderedByItsIndex() =>
        Assert.Equal("3-4-2", Read(new SafetensorsBuilder()
            .F32("net.2.weight", [2, 4], 1, 2, 3, 4, 5, 6, 7, 8)
            .F32("net.0.weight", [4, 3], 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12).Build()).Architecture);

    [Fact]
    public void NamedModulesAreOrderedByDataOffsetNotByName()
    {
        // Alphabetically "output" < "zinput", header order says "output" first; the data order is the model's.
        var bytes = new SafetensorsBuilder()
            .F32("zinput.weight", [4, 3], 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12).F32("zinput.bias", [4], 1, 2, 3, 4)
            .F32("output.weight", [2, 4], 1, 2, 3, 4, 5, 6, 7, 8).F32("output.bias", [2], 1, 2)
            .Build(["output.bias", "output.weight", "zinput.weight", "zinput.bias"]);
        Assert.Equal("3-4-2", Read(bytes).Architecture);
    }

    [Fact]
    public void LinearWithoutBiasGetsZeroBias()
    {
        var network = Read(new SafetensorsBuilder().F32("0.weight", [2, 3], 1, 2, 3, 4, 5, 6).Build());
        Assert.Equal([0.0, 0.0], network.Layers[0].Bias.ToArray());
    }

    [Fact]
    public void EveryFloatDTypeIsWidenedExactly()
    {
        double[] f64 = [0.1, 1.0 / 3, -Math.PI, 1e-310];
        double[] f16 = [0.333251953125, -65504, 6.103515625e-05, 1.5]; // exact in binary16
        double[] bf16 = [0.333984375, -3.3895313892515355e38, 1.5, 2.5]; // exact in bfloat16
        double[] f32 = [(double)0.1f, (double)(1f / 3), (double)1e-40f, 3]; // the last but one is subnormal
        var network = Read(new SafetensorsBuilder()
            .F64("0.weight", [1, 4], f64).F16("1.weight", [4, 1], f16)
            .BF16("2.weight", [1, 4], bf16).F32("3.weight", [4, 1], f32).Build());
        Assert.Equal(f64, network.Layers[0].Weights.ToArray());
        Assert.Equal(f16, network.Layers[1].Weights.ToArray());
        Assert.Equal(bf16, network.Layers[2].Weights.ToArray());
        Assert.Equal(f32, network.Layers[3].Weights.ToArray());
    }
}
