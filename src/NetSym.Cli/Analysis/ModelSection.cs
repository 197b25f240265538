using NetSym.Cli.Rendering;
using NetSym.Networks;

namespace NetSym.Cli.Analysis;

/// <summary>
/// The network as stored: source, format, architecture, sizes, activations, parameter and hidden
/// neuron counts, and a table of its layers. Shared by <c>info</c> and <c>analyze</c>.
/// </summary>
internal sealed class ModelSection : IAnalysisSection
{
    /// <inheritdoc />
    public string Title => "Model";

    /// <inheritdoc />
    public ReportSection Describe(AnalysisSubject subject) => Describe(subject.Model);

    /// <summary>The section for a model, without any computation beyond what the network states.</summary>
    public static ReportSection Describe(LoadedModel model)
    {
        var network = model.Network;
        string activationNote = model.ActivationOverride is null ? "from the file" : "set by --activation";
        return new ReportSection("model", "Model")
        {
            Facts =
            [
                new("source", "Source", model.Source),
                new("format", "Format", model.Format),
                new("architecture", "Architecture", network.Architecture,
                    network.HasDenseLayersOnly ? "widths n0-n1-…-nL" : "input shape, then each layer: convN (N output channels), maxpool, avgpool, add, or a dense width"),
                .. network.InputShape.IsFlat ? Array.Empty<Fact>() : [new Fact("input_shape", "Input shape", network.InputShape.ToString(), "channels × spatial extents, per sample")],
                new("input_size", "Input size", network.InputSize),
                new("output_size", "Output size", network.OutputSize),
                new("layer_count", "Layers", network.Layers.Count),
                new("hidden_activation", "Hidden activation", network.HiddenActivations, activationNote),
                new("output_activation", "Output activation", network.Layers[^1].Activation.Spec),
                new("parameter_count", "Parameters", network.ParameterCount, "weights of existing edges + biases, counted from the layers"),
                .. network.HasDenseLayersOnly
                    ? [new Fact("hidden_neuron_count", "Hidden neurons", network.HiddenNeuronCount, "neurons of every layer but the output layer")]
                    : new Fact[]
                    {
                        new("hidden_unit_count", "Hidden units", network.Layers.Take(network.Layers.Count - 1).Sum(l => l.Kind is LayerKind.Dense or LayerKind.Convolution ? l.Units : 0),
                            "output channels of every convolution and units of every dense layer but the output layer: what the symmetries permute"),
                        new("hidden_neuron_count", "Hidden neurons", network.HiddenNeuronCount, "values of every layer but the output layer, each channel at each position"),
                    },
                .. model.Notes.Count == 0 ? Array.Empty<Fact>() :
                [
                    new("folded_at_load", "Folded at load", string.Join("; ", model.Notes),
                        "inference-mode batch normalisation y = γ·(z − μ)/√(σ² + ε) + β merged into the layer before it: W ← s·W, b ← s·(b − μ) + β, s = γ/√(σ² + ε), in float64"),
                ],
            ],
            Tables = [network.HasDenseLayersOnly ? Layers(network) : ShapedLayers(network)],
        };
    }

    private static ReportTable Layers(Network network) => new(
        "layers",
        "Layers",
        [
            new("index", "layer"),
            new("sources", "sources"),
            new("inputs", "in"),
            new("outputs", "out"),
            new("activation", "activation"),
            new("parameter_count", "params"),
            new("connectivity", "connectivity"),
        ],
        [
            .. network.Layers.Select((layer, i) => (IReadOnlyList<ReportValue>)
            [
                i,
                new IntegerListValue(layer.Sources),
                layer.InputSize,
                layer.OutputSize,
                layer.Activation.Spec,
                layer.ParameterCount,
                layer.IsDense ? "dense" : "masked",
            ]),
        ])
    {
        Caption = "sources: the nodes a layer reads; node 0 is the network input, node k the output of layer k−1",
    };

    private static ReportTable ShapedLayers(Network network) => new(
        "layers",
        "Layers",
        [
            new("index", "layer"),
            new("kind", "kind"),
            new("sources", "sources"),
            new("input_shape", "in"),
            new("output_shape", "out"),
            new("window", "window"),
            new("groups", "groups"),
            new("activation", "activation"),
            new("parameter_count", "params"),
        ],
        [
            .. network.Layers.Select((layer, i) => (IReadOnlyList<ReportValue>)
            [
                i,
                KindName(layer.Kind),
                new IntegerListValue(layer.Sources),
                layer.InputShape.ToString(),
                layer.OutputShape.ToString(),
                layer.Window is { } window ? window.ToString() : new NoValue(),
                layer.Kind == LayerKind.Convolution ? new IntegerValue(layer.Groups) : new NoValue(),
                layer.Activation.Spec,
                layer.ParameterCount,
            ]),
        ])
    {
        Caption = "sources: the nodes a layer reads (node 0 is the network input, node k the output of layer k−1); shapes are channels × spatial extents per sample; "
            + "window: kernel k, stride s, padding p (before+after where they differ), dilation d; a dense layer after a shaped node reads it flattened channel by channel",
    };

    /// <summary>The kind's name as the JSON format and the docs spell it.</summary>
    private static string KindName(LayerKind kind) => kind switch
    {
        LayerKind.Dense => "dense",
        LayerKind.Convolution => "conv",
        LayerKind.MaxPool => "maxpool",
        LayerKind.AveragePool => "avgpool",
        _ => "add",
    };
}
