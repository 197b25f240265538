using System.Globalization;
using NetSym.Networks.Regions;

namespace NetSym.Cli.Analysis;

/// <summary>How a region enumeration found its cells, in words, for the reports that count regions.</summary>
internal static class RegionCellText
{
    /// <summary>The clipping path's tolerance and the linear-program path's count, as each applies.</summary>
    public static string Of(LinearRegionEnumeration enumeration) => enumeration.Method == RegionCellMethod.Clipping
        ? string.Create(CultureInfo.InvariantCulture, $"cells (intervals or polygons) clipped from the box in float64, a vertex within {LinearRegions.ClippingTolerance:0.###e+0} (relative) of a line taken as on it")
        : string.Create(CultureInfo.InvariantCulture, $"{enumeration.LinearPrograms} float linear programs");
}
