using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using NetSym.Canonical;
using NetSym.Networks;
using NetSym.Randomness;
using NetSym.Symmetries;

namespace NetSym.Tests.Canonical;

public class FingerprintTests
{
    public static TheoryData<string> Specs() => CanonicalTestCases.Specs();

    [Theory]
    [MemberData(nameof(Specs))]
    public void Symmetric_copies_have_the_same_fingerprint_and_a_perturbed_copy_another(string spec)
    {
        var random = RandomKey.FromSeed(41).Stream();
        foreach (var net in CanonicalTestCases.Networks(ActivationCatalog.Parse(spec), 13))
        {
            var fingerprint = Fingerprint.Of(net);
            var group = SymmetryGroup.Of(net);
            for (int trial = 0; trial < 4; trial++)
                Assert.Equal(fingerprint, Fingerprint.Of(group.RandomElement(random).Apply(net)));
            Assert.NotEqual(fingerprint, Fingerprint.Of(CanonicalTestCases.Perturb(net, 2, 1e-3)));
            Assert.NotEqual(fingerprint, Fingerprint.Of(CanonicalTestCases.Perturb(net, net.ParameterCount - 1, 1e-3)));
        }
    }

    [Fact]
    public void The_architecture_is_part_of_the_fingerprint()
    {
        var net = TestNetworks.Dense("3-5-2", new TanhActivation(), 4);
        var fingerprint = Fingerprint.Of(net);
        // Same parameters, other activation.
        Assert.NotEqual(fingerprint, Fingerprint.Of(new Network(3, net.Layers.Select((l, i) => i == 0 ? l.With(new SigmoidActivation()) : l))));
        // Same function, but a weight that is structurally absent rather than zero.
        var zeroed = net.Layers[1].Weights.ToArray();
        zeroed[1] = 0;
        var mask = zeroed.Select((_, i) => i != 1).ToArray();
        var dense = net.WithLayer(1, net.Layers[1].With(zeroed, net.Layers[1].Bias));
        var masked = net.WithLayer(1, new Layer(5, 2, zeroed, net.Layers[1].Bias, new IdentityActivation(), [1], mask));
        Assert.NotEqual(Fingerprint.Of(dense), Fingerprint.Of(masked));
        // Same parameters, the output layer also reading the input (zero weights on the skip).
        var skip = net.WithLayer(1, new Layer(8, 2,
            [.. Enumerable.Range(0, 2).SelectMany(r => new double[3].Concat(net.Layers[1].Weights.Slice(r * 5, 5).ToArray()))],
            net.Layers[1].Bias, new IdentityActivation(), [0, 1]));
        Assert.NotEqual(fingerprint, Fingerprint.Of(skip));
    }

    [Fact]
    public void Noise_far_below_the_rounding_grid_keeps_the_fingerprint_and_noise_above_it_changes_it()
    {
        var form = Canonicalizer.Canonicalize(TestNetworks.Dense("5-9-7-3", new ReluActivation(), 17));
        var fingerprint = Fingerprint.Of(form);
        var random = RandomKey.FromSeed(5).Stream();
        Network Noisy(double relative) => new(5, form.Network.Layers.Select(l =>
        {
            double q = Fingerprint.Quantum(l);
            return l.With([.. l.Weights.ToArray().Select(v => v + relative * q * (2 * random.NextDouble() - 1))],
                [.. l.Bias.ToArray().Select(v => v + relative * q * (2 * random.NextDouble() - 1))]);
        }));
        // A parameter moved by δ·q crosses a rounding boundary with probability about δ: 10⁻⁷ per parameter here.
        Assert.Equal(fingerprint, Fingerprint.Of(new CanonicalForm(Noisy(1e-7), form.Element)));
        Assert.NotEqual(fingerprint, Fingerprint.Of(new CanonicalForm(Noisy(3), form.Element)));
    }

    [Fact]
    public void The_rounding_grid_is_the_documented_power_of_two()
    {
        var layer = new Layer(2, 1, [0.25, -3.0], [1.5], new ReluActivation(), [0]);
        // 10⁻⁶·3 = 3·10⁻⁶ lies in [2⁻¹⁹, 2⁻¹⁸).
        Assert.Equal(Math.ScaleB(1, -19), Fingerprint.Quantum(layer));
        Assert.Equal(1, Fingerprint.Quantum(new Layer(1, 1, [0.0], [0.0], new ReluActivation(), [0])));
    }

    [Fact]
    public void The_hash_follows_the_documented_byte_layout()
    {
        // An independent serialisation of docs/canonical.md's layout must give the same SHA-256.
        var net = TestNetworks.SkipMasked(new TanhActivation(), 2);
        var form = Canonicalizer.Canonicalize(net);
        var bytes = new List<byte>();
        void Int(int v) { var b = new byte[4]; BinaryPrimitives.WriteInt32LittleEndian(b, v); bytes.AddRange(b); }
        void Str(string s) { var b = Encoding.UTF8.GetBytes(s); Int(b.Length); bytes.AddRange(b); }
        void Long(long v) { var b = new byte[8]; BinaryPrimitives.WriteInt64LittleEndian(b, v); bytes.AddRange(b); }
        Str("netsym-fingerprint/1");
        Int(net.InputSize);
        Int(net.Layers.Count);
        foreach (var layer in form.Network.Layers)
        {
            Int(layer.InputSize); Int(layer.OutputSize); Str(layer.Activation.Spec);
            Int(layer.Sources.Count);
            foreach (int s in layer.Sources) Int(s);
            bytes.Add(layer.IsDense ? (byte)0 : (byte)1);
            if (!layer.IsDense) foreach (bool m in layer.Mask) bytes.Add(m ? (byte)1 : (byte)0);
            double max = layer.Weights.ToArray().Concat(layer.Bias.ToArray()).Max(Math.Abs);
            double q = Math.Pow(2, Math.Floor(Math.Log2(1e-6 * max)));
            var d = new byte[8]; BinaryPrimitives.WriteDoubleLittleEndian(d, q); bytes.AddRange(d);
            for (int i = 0; i < layer.Weights.Length; i++)
                if (layer.HasEdge(i / layer.InputSize, i % layer.InputSize)) Long((long)Math.Round(layer.Weights[i] / q));
            foreach (double b in layer.Bias) Long((long)Math.Round(b / q));
        }
        var expected = Convert.ToHexStringLower(SHA256.HashData(bytes.ToArray()));
        var fingerprint = Fingerprint.Of(form);
        Assert.Equal(expected, fingerprint.Hex);
        Assert.Equal(64, fingerprint.Hex.Length);
        Assert.Equal(fingerprint.Hex[..16], fingerprint.Short);
    }
}
