using NetSym.Symmetries;

namespace NetSym.Cli.Rendering;

/// <summary>
/// A channel transform of a convolutional or residual network (<see cref="PermutationSpec"/>) as tables: per class a
/// summary (canon), or per channel where it goes and its factor (the map of equiv).
/// </summary>
internal static class ChannelTransformTable
{
    /// <summary>One row per channel class: producers, channels, channels moved, the range of |λ|, sign flips.</summary>
    public static ReportTable Classes(PermutationSpec spec, ChannelTransform transform) => new(
        "channel_classes",
        "Channel classes",
        [
            new("class", "class"), new("producers", "producer layers"), new("channels", "channels"), new("moved", "moved"),
            new("min_scale", "min |λ|"), new("max_scale", "max |λ|"), new("sign_flips", "sign flips"), new("fixed", "fixed"),
        ],
        [
            .. spec.Classes.Select(c =>
            {
                int[] perm = transform.Permutations[c.Index];
                double[] f = transform.Factors[c.Index];
                return (IReadOnlyList<ReportValue>)
                [
                    c.Index, new IntegerListValue(c.Producers), c.Channels, perm.Where((v, k) => v != k).Count(),
                    f.Min(Math.Abs), f.Max(Math.Abs), f.Count(x => x < 0), c.Fixed,
                ];
            }),
        ])
    {
        Caption = "classes of the permutation spec (symmetries MODEL lists them); moved: channels the canonical order moved; λ: the factor each channel "
            + "was multiplied by in every producer (its readers divide by it) to normalise it; layers counted from 0",
    };

    /// <summary>One row per channel: class, target position, source channel of B, factor.</summary>
    public static ReportTable Map(ChannelTransform transform) => new(
        "map",
        "Channel map",
        [new("class", "class"), new("position", "position"), new("channel", "from channel"), new("factor", "λ")],
        [
            .. transform.Permutations.SelectMany((perm, i) => perm.Select((source, k) =>
                (IReadOnlyList<ReportValue>)[i, k, source, transform.Factors[i][source]])),
        ])
    {
        Caption = "position k of class i holds channel 'from channel' of B, multiplied by λ in every producer of the class (its readers divide by λ); classes as in symmetries MODEL",
    };
}
