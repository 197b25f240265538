using CsCheck;
using NetSym.Networks;

namespace NetSym.Tests.Networks;

public class ParameterLayoutTests
{
    /// <summary>
    /// A random DAG network: 1–4 layers of width 1–4, each reading a random non-empty set of earlier
    /// nodes, about half of them masked (some rows, or the whole layer, possibly without edges).
    /// Every weight and bias is distinct and non-zero, so a value names its location.
    /// </summary>
    internal static Network RandomDag(int seed)
    {
        var random = new Random(seed);
        int inputSize = random.Next(1, 5), count = random.Next(1, 5);
        var sizes = new List<int> { inputSize };
        var layers = new List<Layer>();
        double next = 1;
        for (int l = 0; l < count; l++)
        {
            int[] sources = [.. Enumerable.Range(0, l + 1).Where(_ => random.Next(2) == 0)];
            if (sources.Length == 0) sources = [random.Next(l + 1)];
            int fanIn = sources.Sum(s => sizes[s]), width = random.Next(1, 5);
            bool[] mask = random.Next(2) == 0 ? [] : [.. Enumerable.Range(0, width * fanIn).Select(_ => random.Next(3) > 0)];
            var weights = new double[width * fanIn];
            for (int i = 0; i < weights.Length; i++) weights[i] = mask.Length == 0 || mask[i] ? next++ : 0;
            double[] bias = [.. Enumerable.Range(0, width).Select(_ => next++)];
            layers.Add(new Layer(fanIn, width, weights, bias, new ReluActivation(), sources, mask));
            sizes.Add(width);
        }
        return new Network(inputSize, layers);
    }

    /// <summary>The value stored at <paramref name="at"/>.</summary>
    private static double ValueAt(Network network, ParameterLocation at) => at.Column is int c
        ? network.Layers[at.Layer].Weight(at.Row, c)
        : network.Layers[at.Layer].Bias[at.Row];

    private static readonly Gen<int> Seeds = Gen.Int[0, 1_000_000];

    [Fact]
    public void Every_index_is_located_where_its_value_sits_and_back()
    {
        Seeds.Sample(seed =>
        {
            var network = RandomDag(seed);
            var layout = network.Layout;
            var theta = network.GetParameters();
            Assert.Equal(network.Layers.Sum(l => l.ParameterCount), layout.Count);
            Assert.Equal(layout.Count, theta.Length);
            var enumerated = layout.ToList();
            Assert.Equal(layout.Count, enumerated.Count);
            for (int k = 0; k < layout.Count; k++)
            {
                var at = layout[k];
                Assert.Equal(at, enumerated[k]);
                Assert.Equal(k, layout.IndexOf(at));
                Assert.Equal(theta[k], ValueAt(network, at));
                Assert.Equal(at.ToString(), network.DescribeParameter(k));
            }
            Assert.Throws<ArgumentOutOfRangeException>(() => layout[-1]);
            Assert.Throws<ArgumentOutOfRangeException>(() => layout[layout.Count]);
        }, iter: 300);
    }

    [Fact]
    public void Every_edge_and_bias_has_an_index_in_its_layers_range_and_a_masked_edge_has_none()
    {
        Seeds.Sample(seed =>
        {
            var network = RandomDag(seed);
            var layout = network.Layout;
            var seen = new HashSet<int>();
            for (int l = 0; l < network.Layers.Count; l++)
            {
                var layer = network.Layers[l];
                int start = layout.Offset(l), end = layout.Offset(l + 1), weights = end - start - layer.OutputSize;
                Assert.Equal(layer.ParameterCount, end - start);
                Assert.Equal(weights, layout.WeightCount(l));
                for (int r = 0; r < layer.OutputSize; r++)
                {
                    for (int c = 0; c < layer.InputSize; c++)
                    {
                        int k = layout.Weight(l, r, c);
                        if (!layer.HasEdge(r, c))
                        {
                            Assert.Equal(-1, k);
                            continue;
                        }
                        Assert.InRange(k, start, start + weights - 1);
                        Assert.Equal(new ParameterLocation(l, r, c), layout[k]);
                        Assert.True(seen.Add(k));
                    }
                    int b = layout.Bias(l, r);
                    Assert.InRange(b, start + weights, end - 1);
                    Assert.Equal(new ParameterLocation(l, r, null), layout[b]);
                    Assert.True(seen.Add(b));
                }
            }
            Assert.Equal(layout.Count, seen.Count);
            Assert.Equal(layout.Count, layout.Offset(network.Layers.Count));
        }, iter: 300);
    }

    [Fact]
    public void Parameter_k_set_by_WithParameters_lands_at_its_location_and_nowhere_else()
    {
        Seeds.Sample(seed =>
        {
            var network = RandomDag(seed);
            var layout = network.Layout;
            var zero = new double[layout.Count];
            for (int k = 0; k < layout.Count; k++)
            {
                zero[k] = -7.5;
                var marked = network.WithParameters(zero);
                zero[k] = 0;
                foreach (var at in layout) Assert.Equal(at == layout[k] ? -7.5 : 0, ValueAt(marked, at));
                // Masked edges stay absent and store 0.
                foreach (var layer in marked.Layers)
                    for (int i = 0; i < layer.Weights.Length; i++)
                        if (!layer.IsDense && !layer.Mask[i]) Assert.Equal(0, layer.Weights[i]);
                Assert.Equal(zero.Select((_, i) => i == k ? -7.5 : 0), marked.GetParameters());
            }
        }, iter: 100);
    }

    [Fact]
    public void Names_follow_the_parameter_order_of_a_dense_network()
    {
        var network = TestNetworks.Dense("3-2-1", new ReluActivation(), 1);
        string[] expected =
        [
            "layer 0 weight [0,0]", "layer 0 weight [0,1]", "layer 0 weight [0,2]",
            "layer 0 weight [1,0]", "layer 0 weight [1,1]", "layer 0 weight [1,2]",
            "layer 0 bias [0]", "layer 0 bias [1]",
            "layer 1 weight [0,0]", "layer 1 weight [0,1]", "layer 1 bias [0]",
        ];
        Assert.Equal(expected, Enumerable.Range(0, network.ParameterCount).Select(network.DescribeParameter));
        Assert.Equal(expected, network.Layout.Select(at => at.ToString()));
        Assert.Throws<ArgumentOutOfRangeException>(() => network.DescribeParameter(network.ParameterCount));
        Assert.Throws<ArgumentOutOfRangeException>(() => network.DescribeParameter(-1));
    }

    [Fact]
    public void A_masked_network_with_skips_names_its_existing_edges_only()
    {
        var network = TestNetworks.SkipMasked(new ReluActivation(), 2);
        var layout = network.Layout;
        // Layer 2 (5 inputs, 3 neurons) masks the row-major positions 1, 4, 7, 10, 13: [0,1], [0,4], [1,2], [2,0], [2,3].
        int start = layout.Offset(2);
        Assert.Equal(["layer 2 weight [0,0]", "layer 2 weight [0,2]", "layer 2 weight [0,3]", "layer 2 weight [1,0]", "layer 2 weight [1,1]"],
            Enumerable.Range(start, 5).Select(network.DescribeParameter));
        Assert.Equal("layer 2 bias [0]", network.DescribeParameter(start + 10));
        Assert.Equal(-1, layout.Weight(2, 0, 1));
        Assert.Equal(-1, layout.IndexOf(new ParameterLocation(2, 1, 2)));
        Assert.Throws<ArgumentOutOfRangeException>(() => layout.Weight(2, 3, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => layout.Weight(2, 0, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => layout.Bias(2, 3));
    }
}
