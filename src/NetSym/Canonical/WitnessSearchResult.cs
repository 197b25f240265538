namespace NetSym.Canonical;

/// <summary>
/// What a <see cref="WitnessSearch"/> found: a witness input where two networks' outputs differ by
/// more than the threshold, or else the input that came closest.
/// </summary>
/// <param name="Found">Whether <paramref name="Difference"/> exceeds <paramref name="Threshold"/>: <paramref name="Input"/> is a witness.</param>
/// <param name="InputsTried">Network-pair evaluations spent (sampled inputs, ascent steps and their gradients).</param>
/// <param name="Input">The witness with the largest difference, or when there is none the input with the largest difference relative to its threshold.</param>
/// <param name="OutputA">f_A(<paramref name="Input"/>).</param>
/// <param name="OutputB">f_B(<paramref name="Input"/>).</param>
/// <param name="Difference">‖f_A(x) − f_B(x)‖∞ at <paramref name="Input"/>.</param>
/// <param name="Threshold">max(tolerance, 10⁻¹²) · max(S, ‖f_A(x)‖∞, ‖f_B(x)‖∞) at <paramref name="Input"/>.</param>
/// <param name="LargestDifference">The largest ‖f_A(x) − f_B(x)‖∞ over every input tried.</param>
/// <param name="OutputScale">S: the largest ‖f_A(x)‖∞, ‖f_B(x)‖∞ over the first batch's N(0, I) samples (the whole first batch with a box).</param>
public sealed record WitnessSearchResult(
    bool Found,
    int InputsTried,
    double[] Input,
    double[] OutputA,
    double[] OutputB,
    double Difference,
    double Threshold,
    double LargestDifference,
    double OutputScale);
