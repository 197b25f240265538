using NetSym.Symmetries;

namespace NetSym.Canonical;

/// <summary>
/// The canonical order of a hidden layer's normalised neurons, chosen within each interchangeable
/// class from the neurons' incoming (w, β) alone, so that it depends only on the set of rows and not
/// on the order they arrive in.
/// </summary>
/// <remarks>
/// Key of a neuron at level t = 0, 1, 2: the projection ⟨(w, β), u_t⟩ onto a fixed unit direction u_t
/// whose component k is a hash of (t, k) (SplitMix64) mapped to [−1, 1) and then normalised; the bias
/// is component n_in. Neurons are sorted by their level-0 key; runs whose consecutive keys differ by
/// at most 10⁻⁹·max‖(w, β)‖ over the class are re-sorted by the level-1 key, and so on; past level 2
/// a run is sorted lexicographically by (w, β), and identical rows keep their current order.
/// Why this is robust: for two networks related by a symmetry the normalised rows agree to a few
/// rounding errors, so their keys agree to ~10⁻¹⁵ relative and the run boundaries (gaps of
/// 10⁻⁹) fall in the same places; the orders can differ only when two neurons of a layer have keys
/// within about 10⁻⁹ of each other on three independent directions, i.e. when they are near-twins,
/// which reduction merges.
/// </remarks>
internal static class NeuronOrder
{
    /// <summary>Projection levels before falling back to lexicographic order.</summary>
    public const int Levels = 3;

    /// <summary>Relative gap below which two keys are treated as tied.</summary>
    public const double RelativeTieTolerance = 1e-9;

    /// <summary>new index → current index, sorting each interchangeable class among its own positions.</summary>
    public static int[] Sort(HiddenLayerSymmetry layer, double[] weights, double[] bias)
    {
        int width = bias.Length, fanIn = weights.Length / width;
        var rows = new double[width * (fanIn + 1)];
        for (int j = 0; j < width; j++)
        {
            Array.Copy(weights, j * fanIn, rows, j * (fanIn + 1), fanIn);
            rows[j * (fanIn + 1) + fanIn] = bias[j];
        }
        return Sort(layer.InterchangeableClasses, rows, width);
    }

    /// <summary>
    /// new index → current index for <paramref name="width"/> rows (row-major in <paramref name="rows"/>, each a neuron's
    /// or channel's key vector, its bias last), sorting each of <paramref name="classes"/> among its own positions;
    /// positions in no class stay where they are.
    /// </summary>
    public static int[] Sort(IReadOnlyList<int[]> classes, double[] rows, int width)
    {
        int length = rows.Length / width;
        var perm = new int[width];
        for (int k = 0; k < width; k++) perm[k] = k;
        var directions = new double[Levels][];
        for (int t = 0; t < Levels; t++) directions[t] = Direction(t, length);
        var keys = new double[width];

        foreach (int[] cls in classes)
        {
            double scale = 0;
            foreach (int j in cls) scale = Math.Max(scale, Norm(rows.AsSpan(j * length, length)));
            var members = cls.ToArray();
            Order(members, 0, rows, length, directions, keys, RelativeTieTolerance * scale);
            for (int i = 0; i < cls.Length; i++) perm[cls[i]] = members[i];
        }
        return perm;
    }

    /// <summary>The level-t key of one neuron: ⟨(w, β), u_t⟩.</summary>
    public static double Key(int level, ReadOnlySpan<double> w, double bias) =>
        Project(w, bias, Direction(level, w.Length + 1));

    private static void Order(Span<int> members, int level, double[] rows, int length, double[][] directions, double[] keys, double tolerance)
    {
        if (members.Length < 2) return;
        if (level == Levels)
        {
            members.Sort((i, j) =>
            {
                int c = rows.AsSpan(i * length, length).SequenceCompareTo(rows.AsSpan(j * length, length));
                return c != 0 ? c : i.CompareTo(j);
            });
            return;
        }
        foreach (int j in members) keys[j] = Dot(rows.AsSpan(j * length, length), directions[level]);
        members.Sort((i, j) => keys[i] != keys[j] ? keys[i].CompareTo(keys[j]) : i.CompareTo(j));

        // Copy the keys of this run: the recursion overwrites the shared buffer.
        var sorted = new double[members.Length];
        for (int i = 0; i < members.Length; i++) sorted[i] = keys[members[i]];
        int start = 0;
        for (int i = 1; i <= members.Length; i++)
        {
            if (i < members.Length && sorted[i] - sorted[i - 1] <= tolerance) continue;
            if (i - start > 1) Order(members[start..i], level + 1, rows, length, directions, keys, tolerance);
            start = i;
        }
    }

    private static double Project(ReadOnlySpan<double> w, double bias, double[] direction)
    {
        double sum = 0;
        for (int k = 0; k < w.Length; k++) sum += w[k] * direction[k];
        return sum + bias * direction[w.Length];
    }

    private static double Dot(ReadOnlySpan<double> row, double[] direction)
    {
        double sum = 0;
        for (int k = 0; k < row.Length; k++) sum += row[k] * direction[k];
        return sum;
    }

    private static double Norm(ReadOnlySpan<double> row)
    {
        double sum = 0;
        foreach (double v in row) sum += v * v;
        return Math.Sqrt(sum);
    }

    /// <summary>A unit vector of the given length whose components depend only on (level, index): the same on every machine.</summary>
    private static double[] Direction(int level, int length)
    {
        var u = new double[length];
        double norm2 = 0;
        for (int k = 0; k < length; k++)
        {
            ulong h = SplitMix64(((ulong)level << 32) ^ (ulong)k);
            u[k] = (h >> 11) * (1.0 / (1UL << 52)) - 1; // 53 random bits → [−1, 1)
            norm2 += u[k] * u[k];
        }
        double inv = 1 / Math.Sqrt(norm2);
        for (int k = 0; k < length; k++) u[k] *= inv;
        return u;
    }

    private static ulong SplitMix64(ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }
}
