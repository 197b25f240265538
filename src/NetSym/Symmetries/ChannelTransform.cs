namespace NetSym.Symmetries;

/// <summary>
/// A channel transform of a network, class by class of its <see cref="PermutationSpec"/>: new channel k of class i
/// is <c>Factors[i][Permutations[i][k]]</c> times old channel <c>Permutations[i][k]</c>. An element of the
/// spec's group when <see cref="PermutationSpec.Contains"/> says so; <see cref="PermutationSpec.Apply"/> carries
/// out any transform, so that transforms the spec rules out can be seen to change the function.
/// </summary>
public sealed class ChannelTransform
{
    /// <summary>A transform from per-class permutations (new index → original channel) and per-class factors (indexed by the original channel).</summary>
    /// <exception cref="ArgumentException">Counts or lengths that differ, a permutation that is not one, or a zero or non-finite factor.</exception>
    public ChannelTransform(IReadOnlyList<int[]> permutations, IReadOnlyList<double[]> factors)
    {
        ArgumentNullException.ThrowIfNull(permutations);
        ArgumentNullException.ThrowIfNull(factors);
        if (permutations.Count != factors.Count) throw new ArgumentException("one permutation and one factor list per class");
        for (int i = 0; i < permutations.Count; i++)
        {
            if (permutations[i].Length != factors[i].Length) throw new ArgumentException($"class {i}: a permutation of {permutations[i].Length} channels but {factors[i].Length} factors");
            if (!GroupElement.IsPermutation(permutations[i])) throw new ArgumentException($"class {i}: [{string.Join(", ", permutations[i])}] is not a permutation");
            foreach (double f in factors[i])
                if (f == 0 || !double.IsFinite(f)) throw new ArgumentException($"class {i}: factor {f} is not a finite non-zero number");
        }
        Permutations = permutations;
        Factors = factors;
    }

    /// <summary>Per class, Permutations[i][k] = the original channel placed at position k.</summary>
    public IReadOnlyList<int[]> Permutations { get; }

    /// <summary>Per class, the factor λ applied to each original channel.</summary>
    public IReadOnlyList<double[]> Factors { get; }

    /// <summary>The identity transform of a spec.</summary>
    public static ChannelTransform Identity(PermutationSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return new([.. spec.Classes.Select(c => Enumerable.Range(0, c.Channels).ToArray())],
            [.. spec.Classes.Select(c => Enumerable.Repeat(1.0, c.Channels).ToArray())]);
    }
}
