using NetSym.Identifiability;

namespace NetSym.Cli.Analysis;

/// <summary>An <see cref="Oversize"/> in words, naming the flag that raises the path limit.</summary>
internal static class OversizeText
{
    /// <summary>What was too large, how large, and the limit.</summary>
    public static string Of(Oversize tooLarge) => tooLarge.Kind switch
    {
        OversizeKind.Alpha =>
            $"α has {tooLarge.Size:N0} entries, more than the limit of {tooLarge.Limit:N0} (--max-paths), and its Gram matrix would have {tooLarge.Gram.Entries:N0} entries, more than {tooLarge.Gram.Limit:N0}",
        OversizeKind.AlphaMasked =>
            $"α has {tooLarge.Size:N0} entries ({tooLarge.Samples} samples × paths), more than the limit of {tooLarge.Limit:N0} (--max-paths), and a masked layer rules out its Gram recursion",
        OversizeKind.Phi => $"Φ has {tooLarge.Size:N0} entries, more than the limit of {tooLarge.Limit:N0} (--max-paths); the check enumerates them",
        _ => $"DΦ·E has {tooLarge.Size:N0} columns, more than the {tooLarge.Limit:N0} whose Gram matrix is built",
    };

    /// <summary><paramref name="words"/> followed by what was too large, if anything was.</summary>
    public static string Append(string words, Oversize? tooLarge) => tooLarge is null ? words : words + Of(tooLarge);
}
