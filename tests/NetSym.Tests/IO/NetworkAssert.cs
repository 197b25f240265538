using NetSym.Networks;

namespace NetSym.Tests.IO;

/// <summary>Exact comparison of networks: structure (kinds, shapes, windows, groups, wiring), activations and every bit of every parameter.</summary>
internal static class NetworkAssert
{
    public static void Identical(Network expected, Network actual)
    {
        Assert.Equal(expected.InputSize, actual.InputSize);
        Assert.Equal(expected.InputShape, actual.InputShape);
        Assert.Equal(expected.Layers.Count, actual.Layers.Count);
        for (int l = 0; l < expected.Layers.Count; l++)
        {
            Layer e = expected.Layers[l], a = actual.Layers[l];
            Assert.Equal(e.Activation.Spec, a.Activation.Spec);
            Assert.Equal(e.Activation.GetType(), a.Activation.GetType());
            Assert.Equal(e.Sources, a.Sources);
            Assert.Equal(e.OutputSize, a.OutputSize);
            Assert.Equal(e.Kind, a.Kind);
            Assert.Equal(e.InputShape, a.InputShape);
            Assert.Equal(e.OutputShape, a.OutputShape);
            Assert.Equal(e.Units, a.Units);
            Assert.Equal(e.WeightColumns, a.WeightColumns);
            Assert.Equal(e.Groups, a.Groups);
            Assert.Equal(Describe(e.Window), Describe(a.Window));
            Assert.Equal(e.IsDense, a.IsDense);
            Assert.Equal(e.Mask.ToArray(), a.Mask.ToArray());
        }
        // Bit patterns, so that −0 ≠ +0 and every last bit counts.
        Assert.Equal(Bits(expected), Bits(actual));
    }

    // Every field of the window, so that equal-looking short forms (ToString merges equal entries) cannot hide a difference.
    private static string Describe(WindowGeometry? w) =>
        w is null ? "none" : $"{string.Join(",", w.Kernel)}|{string.Join(",", w.Stride)}|{string.Join(",", w.PadBegin)}|{string.Join(",", w.PadEnd)}|{string.Join(",", w.Dilation)}";

    private static long[] Bits(Network n) => [.. n.GetParameters().Select(BitConverter.DoubleToInt64Bits)];
}
