using NetSym.Networks;

namespace NetSym.Symmetries.Discovery;

/// <summary>
/// A hand-written <see cref="AffineSymmetryGroup"/> (an activation's catalog entry) compared with the group
/// discovery computed from ρ's values: the same discrete elements (coordinates to 10⁻⁷) and the same kinds
/// of continuous families.
/// </summary>
/// <param name="Agree">Whether they are the same group.</param>
/// <param name="Reason">What matched, or what differs.</param>
public sealed record CatalogComparison(bool Agree, string Reason)
{
    /// <summary>Compares <paramref name="catalog"/> with <paramref name="discovered"/>.</summary>
    public static CatalogComparison Compare(AffineSymmetryGroup catalog, DiscoveredGroup discovered)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(discovered);
        string Listed(AffineSymmetryGroup g) =>
            string.Join(", ", g.Discrete.Select(NiceNumber.Format).Concat(g.Continuous.Select(f => f.Description)).DefaultIfEmpty("identity only"));
        if (discovered.ToAffineSymmetryGroup() is not { } found)
            return new(false, $"the catalog lists {Listed(catalog)}; discovery finds {string.Join(", ", discovered.Families.Select(f => f.Description).DefaultIfEmpty(discovered.Structure.ToString()))}, which the catalog's shapes cannot express");
        bool sameDiscrete = catalog.Discrete.Count == found.Discrete.Count
            && catalog.Discrete.All(c => found.Discrete.Any(f => VerifiedSymmetry.Same(c, f, VerifiedSymmetry.SameElement)));
        bool sameFamilies = catalog.Continuous.Select(f => f.Kind).Order().SequenceEqual(found.Continuous.Select(f => f.Kind).Order());
        return sameDiscrete && sameFamilies
            ? new(true, $"both list {Listed(catalog)}")
            : new(false, $"the catalog lists {Listed(catalog)}; discovery finds {Listed(found)}");
    }
}
