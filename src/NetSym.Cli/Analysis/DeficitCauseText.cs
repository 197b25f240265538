using System.Globalization;
using NetSym.Dimension;
using NetSym.Networks;

namespace NetSym.Cli.Analysis;

/// <summary>A <see cref="DeficitCause"/> in words, with the numbers behind it.</summary>
internal static class DeficitCauseText
{
    /// <summary>What was found, for the causes table of <paramref name="result"/> on <paramref name="network"/>.</summary>
    public static string Describe(Network network, FunctionalDimensionResult result, DeficitCause cause)
    {
        int n = result.Points;
        var layer = cause.Layer is int l ? network.Layers[l] : null;
        string spec = layer?.Activation.Spec ?? "";
        bool relu = layer?.Activation.IsRelu == true;
        return cause.Kind switch
        {
            DeficitCauseKind.BatchTooSmall =>
                F($"the Jacobian has {result.Rows} rows (points × outputs), fewer than the bound {result.Bound}: the rank cannot reach it"),
            DeficitCauseKind.ZeroOutgoing or DeficitCauseKind.ZeroIncoming or DeficitCauseKind.Twin => cause.Reduction!.Reason,
            DeficitCauseKind.AffineLayer =>
                F($"affine ({spec}) layer of width {layer!.OutputSize}: the next layer undoes any invertible mixing of its neurons, a group of dimension {layer.OutputSize * layer.OutputSize} where the bound removes only {2 * layer.OutputSize}"),
            DeficitCauseKind.NarrowLayer =>
                F($"width {layer!.OutputSize} is below the input dimension {network.InputSize}: Grigsby, Lindsey & Rolnick's guarantee of parameters without hidden symmetries needs every layer at least as wide as the input"),
            DeficitCauseKind.DeadOnBatch =>
                F($"{Neurons(cause.Neurons)} constant on all {n} inputs ({spec} in a piece of slope 0{(relu ? ": never active" : "")})"),
            DeficitCauseKind.RarelyActive =>
                F($"neuron {cause.Neurons[0]} is off the zero-slope pieces of {spec} on only {cause.ActiveInputs} of {n} inputs, fewer than its {layer!.InputSize} incoming weights + bias: the batch fixes at most {cause.ActiveInputs} of those {layer.InputSize + 1} directions"),
            DeficitCauseKind.InertOnBatch =>
                F($"{Neurons(cause.Neurons)} vary, but every consumer reading them is constant wherever they vary: no effect on the output on all {n} inputs"),
            DeficitCauseKind.LinearOnBatch =>
                F($"{Neurons(cause.Neurons)} in one linear piece of {spec} on all {n} inputs{(relu ? " (always active)" : "")}: affine on the batch, so a change of bias is absorbed by the consumers' biases"),
            DeficitCauseKind.InputSubspace => InputSubspace(network, cause, n),
            _ => SilentWeight(cause, n),
        };
    }

    private static string SilentWeight(DeficitCause cause, int n)
    {
        var (s, j) = (cause.Source!.Value.Layer, cause.Source.Value.Index);
        int r = cause.Neurons[0];
        return F($"weight [{r},{cause.Column}] (from layer {s} neuron {j}): on all {n} inputs either layer {s} neuron {j} outputs 0 or neuron {r} does not reach the output — they are never on together, so the weight does not matter");
    }

    private static string InputSubspace(Network network, DeficitCause cause, int n)
    {
        var layer = network.Layers[cause.Layer!.Value];
        int missing = cause.MissingDirections!.Value, dead = layer.InputSize - cause.SpanDimension!.Value - missing;
        string what = cause.Layer == 0 ? "the inputs" : "the layer's input (its sources' outputs)";
        string deadNote = dead > 0 ? F($", besides the {dead} column(s) of dead or twin neurons") : "";
        return F($"on all {n} inputs {what} span an affine subspace of dimension {cause.SpanDimension} of {layer.InputSize} coordinates (float rank of [x | 1] − 1, default tolerance): each neuron's incoming weights and bias along the {missing} missing direction(s){deadNote} are invisible, {layer.OutputSize} × {missing} = {layer.OutputSize * missing} kernel directions");
    }

    private static string Neurons(IReadOnlyList<int> neurons) =>
        (neurons.Count == 1 ? "neuron " : "neurons ") + string.Join(", ", neurons);

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
