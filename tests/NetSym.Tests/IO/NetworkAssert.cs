using NetSym.Networks;

namespace NetSym.Tests.IO;

/// <summary>Exact comparison of networks: structure, activations and every bit of every parameter.</summary>
internal static class NetworkAssert
{
    public static void Identical(Network expected, Network actual)
    {
        Assert.Equal(expected.InputSize, actual.InputSize);
        Assert.Equal(expected.Layers.Count, actual.Layers.Count);
        for (int l = 0; l < expected.Layers.Count; l++)
        {
            Layer e = expected.Layers[l], a = actual.Layers[l];
            Assert.Equal(e.Activation.Spec, a.Activation.Spec);
            Assert.Equal(e.Activation.GetType(), a.Activation.GetType());
            Assert.Equal(e.Sources, a.Sources);
            Assert.Equal(e.OutputSize, a.OutputSize);
            Assert.Equal(e.IsDense, a.IsDense);
            Assert.Equal(e.Mask.ToArray(), a.Mask.ToArray());
        }
        // Bit patterns, so that −0 ≠ +0 and every last bit counts.
        Assert.Equal(Bits(expected), Bits(actual));
    }

    private static long[] Bits(Network n) => [.. n.GetParameters().Select(BitConverter.DoubleToInt64Bits)];
}
