using NetSym.Symmetries;

namespace NetSym.Cli.Rendering;

/// <summary>The table of a channel transform of a convolutional or residual network (align, orbit).</summary>
internal static class ChannelMapTable
{
    /// <summary>One row per channel of each class: class, target position, source channel, factor λ.</summary>
    public static ReportTable Of(ChannelTransform transform) => new(
        "map",
        "Channel map",
        [new("class", "class"), new("position", "position"), new("channel", "from channel"), new("factor", "factor")],
        [
            .. transform.Permutations.SelectMany((perm, c) => perm.Select((source, k) =>
                (IReadOnlyList<ReportValue>)[c, k, source, transform.Factors[c][source]])),
        ])
    {
        Caption = "position k of channel class c (the classes of 'netsym symmetries MODEL') holds B's channel 'from channel' times the factor: its producers' rows and biases × λ, its consumers' kernel slices and columns ÷ λ",
    };

    /// <summary>Channels a transform moves to another position, over all classes.</summary>
    public static int Moved(ChannelTransform transform) => transform.Permutations.Sum(p => p.Where((v, j) => v != j).Count());
}
