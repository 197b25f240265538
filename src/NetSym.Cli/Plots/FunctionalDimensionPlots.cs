using NetSym.Cli.Rendering;
using NetSym.Dimension;
using NetSym.IO;

namespace NetSym.Cli.Plots;

/// <summary>
/// The figures of a functional-dimension result and where they go: FILE.png holds the growth figure
/// (<see cref="GrowthPlot"/>) and, for a float rank, FILE-spectrum.png the singular values
/// (<see cref="SpectrumPlot"/>). <c>fdim --plot FILE.png</c> names FILE; <c>analyze --plots DIR</c>
/// writes DIR/functional-dimension.png. Targets are checked before the computation, so that a bad
/// path costs nothing, and each file is written whole or not at all.
/// </summary>
internal static class FunctionalDimensionPlots
{
    /// <summary>The name of the growth figure in <c>analyze --plots DIR</c>.</summary>
    public const string AnalyzeFileName = "functional-dimension.png";

    /// <summary>"fig.png" → "fig-spectrum.png", beside it.</summary>
    public static string SpectrumPath(string path) =>
        Path.Combine(Path.GetDirectoryName(path) ?? "", $"{Path.GetFileNameWithoutExtension(path)}-spectrum{Path.GetExtension(path)}");

    /// <summary>Checks, before any work, that FILE ends in .png and that FILE and FILE-spectrum.png can be created.</summary>
    /// <exception cref="ArgumentException">FILE does not end in .png.</exception>
    /// <exception cref="ModelFileException">Either file cannot be created.</exception>
    public static void CheckFile(string path)
    {
        if (!string.Equals(Path.GetExtension(path), ".png", StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException($"{path}: --plot writes PNG images: give a file name ending in .png");
        WriteTarget.CheckCreatable(path);
        WriteTarget.Check(SpectrumPath(path));
    }

    /// <summary>Writes the growth figure to <paramref name="path"/> and, for a float rank, the spectrum beside it; returns the paths written.</summary>
    /// <exception cref="ModelFileException">A file cannot be written.</exception>
    public static IReadOnlyList<string> Write(string path, GrowthPlotData growth, FunctionalDimensionResult final)
    {
        using (var plot = GrowthPlot.Create(growth))
            PlotImage.Write(plot, path);
        if (final.Method != RankMethod.Float) return [path];
        string spectrum = SpectrumPath(path);
        using (var plot = SpectrumPlot.Create(final, growth.Inputs, growth.Seed))
            PlotImage.Write(plot, spectrum);
        return [path, spectrum];
    }

    /// <summary>Creates <paramref name="directory"/> if missing (its parent was checked) and writes the figures into it as <see cref="AnalyzeFileName"/>.</summary>
    /// <exception cref="ModelFileException">A file cannot be written.</exception>
    public static IReadOnlyList<string> WriteInto(string directory, GrowthPlotData growth, FunctionalDimensionResult final)
    {
        Directory.CreateDirectory(directory);
        return Write(Path.Combine(directory, AnalyzeFileName), growth, final);
    }

    /// <summary>The report's line for the figures written.</summary>
    public static Fact Fact(IReadOnlyList<string> written) => new("plots", "Plots", string.Join(", ", written),
        written.Count > 1 ? "rank against points with the bound; singular values with the tolerance" : "rank against points with the bound; no spectrum: an exact rank has no singular values");
}
