using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using NetSym.Networks;

namespace NetSym.Canonical;

/// <summary>
/// A SHA-256 hash of a network's canonical form: architecture, activations, sources, masks and the
/// canonical parameters rounded to a fixed grid, so that networks related by a symmetry get the same
/// fingerprint (see docs/canonical.md for the byte layout and the probability of a mismatch).
/// </summary>
/// <param name="Hex">The full hash, 64 lower-case hexadecimal digits.</param>
/// <remarks>
/// Rounding: the parameters of layer l (existing weights and biases) are rounded to multiples of
/// q_l = 2^⌊log2(10⁻⁶·m_l)⌋, m_l the layer's largest |parameter| (so q_l lies in (½·10⁻⁶·m_l, 10⁻⁶·m_l]);
/// a power of two makes q_l itself immune to rounding noise in m_l. Two equivalent networks whose
/// canonical parameters differ by δ get different fingerprints only if some parameter lies within δ
/// of a rounding boundary: probability at most about 2·δ/q_l per parameter.
/// </remarks>
public sealed record Fingerprint(string Hex)
{
    /// <summary>Version tag hashed first; changes whenever the byte layout or the rounding changes.</summary>
    public const string Version = "netsym-fingerprint/1";

    /// <summary>The rounding grid relative to each layer's largest |parameter| (up to a factor ½, see remarks).</summary>
    public const double RelativePrecision = 1e-6;

    /// <summary>The first 16 hex digits (64 bits), for display; JSON carries <see cref="Hex"/>.</summary>
    public string Short => Hex[..16];

    /// <summary>The fingerprint of a network: canonicalises it, then hashes the canonical form. Reduce first (see <see cref="Canonicalizer"/>).</summary>
    public static Fingerprint Of(Network network) => Of(Canonicalizer.Canonicalize(network));

    /// <summary>The fingerprint of an already computed canonical form.</summary>
    public static Fingerprint Of(CanonicalForm canonical)
    {
        ArgumentNullException.ThrowIfNull(canonical);
        var net = canonical.Network;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        AppendString(hash, Version);
        AppendInt(hash, net.InputSize);
        // Convolutional networks add their shapes and windows; dense networks hash exactly as before they existed.
        if (!net.HasDenseLayersOnly) AppendShape(hash, net.InputShape);
        AppendInt(hash, net.Layers.Count);
        foreach (var layer in net.Layers)
        {
            AppendInt(hash, layer.InputSize);
            AppendInt(hash, layer.OutputSize);
            if (layer.Kind != LayerKind.Dense) AppendStructure(hash, layer);
            AppendString(hash, layer.Activation.Spec);
            AppendInt(hash, layer.Sources.Count);
            foreach (int s in layer.Sources) AppendInt(hash, s);
            AppendMask(hash, layer);
            AppendRoundedParameters(hash, layer);
        }
        return new Fingerprint(Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    /// <summary>The rounding grid q_l of a layer: 2^⌊log2(10⁻⁶·m_l)⌋, or 1 when every parameter is 0.</summary>
    public static double Quantum(Layer layer)
    {
        ArgumentNullException.ThrowIfNull(layer);
        double max = 0;
        foreach (double v in layer.Weights) max = Math.Max(max, Math.Abs(v));
        foreach (double v in layer.Bias) max = Math.Max(max, Math.Abs(v));
        return max == 0 ? 1 : Math.ScaleB(1, Math.ILogB(RelativePrecision * max));
    }

    /// <inheritdoc />
    public override string ToString() => Hex;

    /// <summary>A convolution's, pooling's or addition's kind, shapes, window and groups.</summary>
    private static void AppendStructure(IncrementalHash hash, Layer layer)
    {
        AppendInt(hash, (int)layer.Kind);
        AppendShape(hash, layer.InputShape);
        AppendShape(hash, layer.OutputShape);
        AppendInt(hash, layer.Groups);
        if (layer.Window is not { } window)
        {
            AppendInt(hash, 0);
            return;
        }
        AppendInt(hash, window.Rank);
        foreach (var values in new[] { window.Kernel, window.Stride, window.PadBegin, window.PadEnd, window.Dilation })
            foreach (int v in values) AppendInt(hash, v);
    }

    private static void AppendShape(IncrementalHash hash, NodeShape shape)
    {
        AppendInt(hash, shape.Channels);
        AppendInt(hash, shape.Spatial.Count);
        foreach (int v in shape.Spatial) AppendInt(hash, v);
    }

    private static void AppendMask(IncrementalHash hash, Layer layer)
    {
        hash.AppendData([layer.IsDense ? (byte)0 : (byte)1]);
        if (layer.IsDense) return;
        var bits = new byte[layer.Mask.Length];
        for (int i = 0; i < bits.Length; i++) bits[i] = layer.Mask[i] ? (byte)1 : (byte)0;
        hash.AppendData(bits);
    }

    /// <summary>Existing weights row by row, then biases, each as round(p/q) in 8 bytes little-endian, q first as a double.</summary>
    private static void AppendRoundedParameters(IncrementalHash hash, Layer layer)
    {
        double q = Quantum(layer);
        var buffer = new byte[8 * (layer.Weights.Length + layer.Bias.Length + 1)];
        int at = 0;
        BinaryPrimitives.WriteDoubleLittleEndian(buffer, q);
        at += 8;
        var w = layer.Weights;
        for (int i = 0; i < w.Length; i++)
        {
            if (!layer.IsDense && !layer.Mask[i]) continue;
            BinaryPrimitives.WriteInt64LittleEndian(buffer.AsSpan(at), Round(w[i], q));
            at += 8;
        }
        foreach (double v in layer.Bias)
        {
            BinaryPrimitives.WriteInt64LittleEndian(buffer.AsSpan(at), Round(v, q));
            at += 8;
        }
        hash.AppendData(buffer, 0, at);
    }

    // |p/q| < 2·10⁶ by construction of q, so the integer is exact; round-half-even, and −0 becomes 0.
    private static long Round(double p, double q) => (long)Math.Round(p / q, MidpointRounding.ToEven);

    private static void AppendInt(IncrementalHash hash, int value)
    {
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(b, value);
        hash.AppendData(b);
    }

    private static void AppendString(IncrementalHash hash, string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        AppendInt(hash, bytes.Length);
        hash.AppendData(bytes);
    }
}
