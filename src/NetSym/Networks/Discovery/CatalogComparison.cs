using NetSym.Networks;

namespace NetSym.Networks.Discovery;

/// <summary>
/// A hand-written <see cref="AffineSymmetryGroup"/> (an activation's catalog entry) compared with the group
/// discovery computed from ρ's values: the same listed elements and step (coordinates to 10⁻⁷) and the same
/// continuous family (by its description, whose numbers are snapped to simple values).
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
            string.Join(", ", g.Discrete.Select(NiceNumber.Format)
                .Concat(g.Continuous.Select(f => f.Description))
                .Concat(g.Step is { } t ? [$"the steps {NiceNumber.Format(t)}ⁿ"] : [])
                .DefaultIfEmpty("identity only"));
        if (discovered.ToAffineSymmetryGroup() is not { } found)
            return new(false, $"the catalog lists {Listed(catalog)}; discovery finds {string.Join(", ", discovered.Generators.Select(g => NiceNumber.Format(g.Element)))}, a period and a discrete scaling together, which no group of NetSym's shapes holds");
        bool sameDiscrete = catalog.Discrete.Count == found.Discrete.Count
            && catalog.Discrete.All(c => found.Discrete.Any(f => VerifiedSymmetry.Same(c, f, VerifiedSymmetry.SameElement)));
        bool sameFamilies = catalog.Continuous.Select(f => f.Description).Order().SequenceEqual(found.Continuous.Select(f => f.Description).Order());
        bool sameStep = (catalog.Step, found.Step) switch
        {
            (null, null) => true,
            ({ } c, { } f) => VerifiedSymmetry.Same(c, f, VerifiedSymmetry.SameElement) || VerifiedSymmetry.Same(c, f.Inverse(), VerifiedSymmetry.SameElement),
            _ => false,
        };
        return sameDiscrete && sameFamilies && sameStep
            ? new(true, $"both list {Listed(catalog)}")
            : new(false, $"the catalog lists {Listed(catalog)}; discovery finds {Listed(found)}");
    }
}
