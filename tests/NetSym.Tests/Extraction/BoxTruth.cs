using NetSym.Networks;
using NetSym.Randomness;

namespace NetSym.Tests.Extraction;

/// <summary>Ground-truth one-hidden-layer ReLU networks for extraction on a box, with units crossing it, on throughout it, dead on it, or cutting off a corner of it.</summary>
internal static class BoxTruth
{
    /// <summary>
    /// A d-n-m ReLU network whose units' surfaces pass through uniform points of <paramref name="box"/>,
    /// with weights N(0,1)/√d; then <paramref name="on"/> units on throughout the box and
    /// <paramref name="dead"/> units off throughout it (their surfaces a quarter of their range beyond it),
    /// and with <paramref name="corner"/> the last crossing unit's surface moved to cut off a corner of the
    /// box: on where z exceeds 95 % of its largest value there; with <paramref name="offCorner"/>, off where it
    /// is below 5 % of its range above its least value (on nearly everywhere).
    /// </summary>
    public static Network Create(int d, int n, int m, long seed, Box box, int on = 0, int dead = 0, bool corner = false, bool offCorner = false)
    {
        var random = RandomKey.FromSeed(seed).Split("box truth").Stream();
        int hidden = n + on + dead;
        var w = new double[hidden * d];
        var b = new double[hidden];
        for (int j = 0; j < hidden; j++)
        {
            double low = 0, high = 0, through = 0;
            for (int i = 0; i < d; i++)
            {
                double weight = random.NextNormal() / Math.Sqrt(d);
                w[j * d + i] = weight;
                low += Math.Min(weight * box.Lower[i], weight * box.Upper[i]);
                high += Math.Max(weight * box.Lower[i], weight * box.Upper[i]);
                through += weight * (box.Lower[i] + (box.Upper[i] - box.Lower[i]) * random.NextDouble());
            }
            double range = high - low;
            b[j] = j < n ? -through : j < n + on ? range / 4 - low : -high - range / 4;
            if (corner && j == n - 1) b[j] = -(low + 0.95 * range);
            if (offCorner && j == n - 1) b[j] = -(low + 0.05 * range);
        }
        var v = new double[m * hidden];
        for (int k = 0; k < v.Length; k++) v[k] = random.NextNormal() / Math.Sqrt(hidden);
        var c = new double[m];
        for (int k = 0; k < m; k++) c[k] = random.NextNormal();
        return Network.Sequential(d, [(w, b, new ReluActivation()), (v, c, new IdentityActivation())]);
    }
}
