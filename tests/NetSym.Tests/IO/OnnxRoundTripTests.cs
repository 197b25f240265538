using NetSym.IO;
using NetSym.Networks;
using NetSym.Randomness;

namespace NetSym.Tests.IO;

/// <summary>NetSym → ONNX → NetSym gives the network with its parameters rounded to float32, and nothing else changed.</summary>
public class OnnxRoundTripTests
{
    private static byte[] Export(Network network)
    {
        using var stream = new MemoryStream();
        OnnxModelWriter.Write(network, stream);
        return stream.ToArray();
    }

    private static Network RoundTrip(Network network) => OnnxModelReader.Parse(Export(network), "roundtrip.onnx");

    /// <summary>The network ONNX stores: every weight, bias and activation parameter rounded to the nearest float32.</summary>
    internal static Network RoundedToFloat32(Network network)
    {
        var rounded = network.WithParameters([.. network.GetParameters().Select(v => (double)(float)v)]);
        var layers = rounded.Layers.Select(l => l.Kind is LayerKind.MaxPool or LayerKind.AveragePool ? l : l.With(l.Activation switch
        {
            LeakyReluActivation a => new LeakyReluActivation((float)a.Alpha),
            EluActivation a => new EluActivation((float)a.Alpha),
            var a => a,
        }));
        return new Network(network.InputShape, layers);
    }

    [Theory]
    [MemberData(nameof(OnnxRuntimeAgreementTests.ExportableActivations), MemberType = typeof(OnnxRuntimeAgreementTests))]
    public void RoundTripRoundsParametersToFloat32(string activation)
    {
        var network = RandomNetworks.Create(Architecture.Parse("4-7-5-3"), ActivationCatalog.Parse(activation), Initialization.Gaussian, RandomKey.FromSeed(99));
        var read = RoundTrip(network);
        NetworkAssert.Identical(RoundedToFloat32(network), read);
        // Rounding really happened: Gaussian draws are not float32 values.
        Assert.NotEqual(network.GetParameters(), read.GetParameters());
    }

    [Theory]
    [MemberData(nameof(OnnxRuntimeAgreementTests.ExportableActivations), MemberType = typeof(OnnxRuntimeAgreementTests))]
    public void Float32NetworkRoundTripsExactlyAndRewritesToTheSameBytes(string activation)
    {
        var network = RoundedToFloat32(RandomNetworks.Create(Architecture.Parse("3-6-2"), ActivationCatalog.Parse(activation), Initialization.PyTorch, RandomKey.FromSeed(5)));
        byte[] bytes = Export(network);
        var read = OnnxModelReader.Parse(bytes, "once.onnx");
        NetworkAssert.Identical(network, read);
        Assert.Equal(bytes, Export(read));
    }

    [Theory]
    [MemberData(nameof(Fixtures.ReadableOnnx), MemberType = typeof(Fixtures))]
    public void FixtureReexportedByNetSymReadsBackExactly(string name)
    {
        // PyTorch's weights are float32 already, so NetSym's own export loses nothing — except where a
        // BatchNormalization was folded in float64: those parameters come back rounded to float32, once.
        var network = OnnxModelReader.Read(Fixtures.Onnx(name));
        var rounded = network.WithParameters([.. network.GetParameters().Select(v => (double)(float)v)]);
        if (!name.StartsWith("bn_", StringComparison.Ordinal)) NetworkAssert.Identical(network, rounded);
        NetworkAssert.Identical(rounded, RoundTrip(network));
    }

    [Fact]
    public void SkipConnectionsAreNotExportedAndTheErrorSaysWhy()
    {
        var network = new Network(2, [new Layer(2, 2, [1, 2, 3, 4], [0, 0], new ReluActivation(), [0]), new Layer(4, 1, [1, 2, 3, 4], [0], new IdentityActivation(), [0, 1])]);
        var e = Assert.Throws<NotSupportedException>(() => Export(network));
        Assert.Contains("layer 1 reads nodes [0, 1] (a skip connection)", e.Message);
    }

    [Fact]
    public void MasksAreNotExportedAndTheErrorSaysWhy()
    {
        var network = new Network(2, [new Layer(2, 1, [1, 0], [0], new ReluActivation(), [0], [true, false])]);
        var e = Assert.Throws<NotSupportedException>(() => Export(network));
        Assert.Contains("layer 0 has a connectivity mask", e.Message);
    }
}
