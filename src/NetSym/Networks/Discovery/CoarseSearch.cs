namespace NetSym.Networks.Discovery;

/// <summary>
/// The first look: the least-squares misfit √(1 − R²) of ρ(a·x + b) ≈ c·ρ(x) + d on a grid of inner maps
/// (a, b), a = ±M^(k/K) (so a = ±1 exactly), b = j·Δ (so b = 0 exactly); its local minima below
/// <see cref="DiscoveryOptions.CandidateMisfit"/> are the candidates that refinement then sharpens.
/// </summary>
internal static class CoarseSearch
{
    // Misfits this close count as equal, so that every cell of a valley of exact symmetries (a continuous
    // family), where the misfit is rounding noise, is a local minimum.
    private const double PlateauSlack = 1e-6;

    /// <summary>Candidates (a, b, misfit), best first, the identity cell excluded; at most <paramref name="limit"/>.</summary>
    public static IReadOnlyList<(double A, double B, double Misfit)> Candidates(ProjectedResidual residual, DiscoveryOptions options, int limit, out int cells)
    {
        int k = options.ScaleSteps, j = (int)Math.Floor(options.SearchRadius / options.ShiftStep + 1e-9);
        int rows = 2 * (2 * k + 1), columns = 2 * j + 1;
        double A(int row) => (row < 2 * k + 1 ? 1 : -1) * Math.Pow(options.MaxScale, (double)(row % (2 * k + 1) - k) / k);
        double B(int column) => (column - j) * options.ShiftStep;
        var misfit = new double[rows, columns];
        var scratch = new double[residual.Count];
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < columns; c++)
                misfit[r, c] = Math.Sqrt(residual.Evaluate(A(r), B(c), scratch));
        cells = rows * columns;

        var found = new List<(double, double, double)>();
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < columns; c++)
            {
                double m = misfit[r, c];
                if (!(m <= options.CandidateMisfit) || (r == k && c == j)) continue;
                bool minimum = true;
                // Neighbours within the same sign of a: rows 0..2k are a > 0, the rest a < 0.
                int block = r / (2 * k + 1);
                for (int dr = -1; dr <= 1 && minimum; dr++)
                    for (int dc = -1; dc <= 1 && minimum; dc++)
                    {
                        int rr = r + dr, cc = c + dc;
                        if ((dr == 0 && dc == 0) || rr < 0 || rr >= rows || cc < 0 || cc >= columns || rr / (2 * k + 1) != block) continue;
                        if (misfit[rr, cc] + PlateauSlack < m) minimum = false;
                    }
                if (minimum) found.Add((A(r), B(c), m));
            }
        return [.. found.OrderBy(f => f.Item3).Take(limit)];
    }
}
