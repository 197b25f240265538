using NetSym.Embedding;
using NetSym.Networks;

namespace NetSym.Tests.Embedding;

/// <summary>
/// An independent, naive path-lifting for small networks: every neuron sequence generated from the
/// layer definitions (HasEdge, Weight, Bias) and then sorted by the documented order, with values
/// and the parameter indices of every factor recomputed from scratch.
/// </summary>
internal static class ReferencePaths
{
    public sealed record Entry(NetworkPath Path, double Value, int[] Parameters);

    public static List<Entry> Of(Network network)
    {
        var entries = new List<Entry>();
        int last = network.Layers.Count - 1;
        for (int o = 0; o < network.OutputSize; o++)
        {
            var output = new Neuron(last, o);
            // Backwards from the output: every predecessor chain, reversed at the end.
            void Back(Neuron v, List<Neuron> suffix, List<int> factors, double product)
            {
                var layer = network.Layers[v.Layer];
                var withV = new List<Neuron>(suffix); withV.Insert(0, v);
                // The bias of v starts a path.
                int biasIndex = ParameterIndexOfBias(network, v);
                entries.Add(new Entry(new NetworkPath(null, withV), product * layer.Bias[v.Index], [biasIndex, .. factors]));
                int column = 0;
                foreach (int s in layer.Sources)
                {
                    for (int k = 0; k < network.NodeSize(s); k++, column++)
                    {
                        if (!layer.HasEdge(v.Index, column)) continue;
                        double w = layer.Weight(v.Index, column);
                        int e = ParameterIndexOfEdge(network, v.Layer, v.Index, column);
                        if (s == 0) entries.Add(new Entry(new NetworkPath(k, withV), product * w, [e, .. factors]));
                        else Back(new Neuron(s - 1, k), withV, [e, .. factors], product * w);
                    }
                }
            }
            Back(output, [], [], 1);
        }
        entries.Sort((a, b) => Compare(a.Path, b.Path));
        return entries;
    }

    /// <summary>The documented order: output, input paths before bias paths, input coordinate, then neuron sequence lexicographically.</summary>
    public static int Compare(NetworkPath a, NetworkPath b)
    {
        int c = a.Output.CompareTo(b.Output);
        if (c != 0) return c;
        c = a.IsBiasPath.CompareTo(b.IsBiasPath);
        if (c != 0) return c;
        c = (a.Input ?? 0).CompareTo(b.Input ?? 0);
        if (c != 0) return c;
        for (int k = 0; k < Math.Min(a.Neurons.Count, b.Neurons.Count); k++)
        {
            c = a.Neurons[k].CompareTo(b.Neurons[k]);
            if (c != 0) return c;
        }
        return a.Neurons.Count.CompareTo(b.Neurons.Count);
    }

    private static int ParameterIndexOfBias(Network network, Neuron v)
    {
        var layer = network.Layers[v.Layer];
        return network.ParameterOffset(v.Layer) + layer.ParameterCount - layer.OutputSize + v.Index;
    }

    private static int ParameterIndexOfEdge(Network network, int l, int row, int column)
    {
        var layer = network.Layers[l];
        int flat = row * layer.InputSize + column, index = 0;
        for (int i = 0; i < flat; i++) if (layer.HasEdge(i / layer.InputSize, i % layer.InputSize)) index++;
        return network.ParameterOffset(l) + index;
    }
}
