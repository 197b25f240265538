namespace NetSym.Extraction;

/// <summary>
/// A feature of a deeper unit whose coefficient its surface does not fix: a ReLU unit of the prefix that is
/// on (or off) at every kink of the surface, so that the kinks fit the unit plus any multiple of that
/// feature's ReLU minus its pre-activation (or of the feature itself) alike. The refined unit takes the
/// coefficient as zero; the sign solve of the layer below, which knows that the skip features must cancel
/// once the units are oriented, sets it (<c>DeepExtractor</c>).
/// </summary>
/// <param name="Feature">The feature's index: a unit of the prefix's last layer.</param>
/// <param name="On">Whether the unit is on at the kinks (its ReLU equals its pre-activation there).</param>
internal sealed record FreeFeature(int Feature, bool On);
