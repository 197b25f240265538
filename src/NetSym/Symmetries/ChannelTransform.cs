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

    /// <summary>Whether every permutation is the identity and every factor 1.</summary>
    public bool IsIdentity => Permutations.All(p => p.Select((v, k) => v == k).All(x => x)) && Factors.All(f => f.All(x => x == 1));

    /// <summary>
    /// this ∘ other: apply <paramref name="other"/> first, then this (so that
    /// <c>spec.Apply(network, this.Compose(other))</c> equals <c>spec.Apply(spec.Apply(network, other), this)</c>).
    /// </summary>
    /// <exception cref="ArgumentException">The transforms act on different class sizes.</exception>
    public ChannelTransform Compose(ChannelTransform other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Permutations.Count != Permutations.Count) throw new ArgumentException($"the transforms act on {Permutations.Count} and {other.Permutations.Count} classes");
        var perms = new int[Permutations.Count][];
        var factors = new double[Permutations.Count][];
        for (int i = 0; i < perms.Length; i++)
        {
            int[] outer = Permutations[i], inner = other.Permutations[i];
            if (outer.Length != inner.Length) throw new ArgumentException($"class {i}: {outer.Length} and {inner.Length} channels");
            // After `other`, position j holds original channel inner[j]; `this` scales position j by Factors[i][j].
            perms[i] = new int[outer.Length];
            factors[i] = new double[outer.Length];
            for (int k = 0; k < outer.Length; k++) perms[i][k] = inner[outer[k]];
            for (int j = 0; j < inner.Length; j++) factors[i][inner[j]] = other.Factors[i][inner[j]] * Factors[i][j];
        }
        return new ChannelTransform(perms, factors);
    }

    /// <summary>The inverse transform: <c>Invert().Compose(this)</c> is the identity (factors to rounding).</summary>
    public ChannelTransform Invert()
    {
        var perms = new int[Permutations.Count][];
        var factors = new double[Permutations.Count][];
        for (int i = 0; i < perms.Length; i++)
        {
            int[] p = Permutations[i];
            perms[i] = new int[p.Length];
            factors[i] = new double[p.Length];
            // Position k holds λ_{p[k]}·old p[k]: the inverse puts it back at p[k] and divides by λ_{p[k]}.
            for (int k = 0; k < p.Length; k++)
            {
                perms[i][p[k]] = k;
                factors[i][k] = 1 / Factors[i][p[k]];
            }
        }
        return new ChannelTransform(perms, factors);
    }

    /// <summary>The identity transform of a spec.</summary>
    public static ChannelTransform Identity(PermutationSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return new([.. spec.Classes.Select(c => Enumerable.Range(0, c.Channels).ToArray())],
            [.. spec.Classes.Select(c => Enumerable.Repeat(1.0, c.Channels).ToArray())]);
    }
}
