using NetSym.IO;
using ScottPlot;

namespace NetSym.Cli.Plots;

/// <summary>What every figure of the CLI shares: its size, its font, and how it becomes a PNG file.</summary>
internal static class PlotImage
{
    /// <summary>Width of every PNG in pixels.</summary>
    public const int Width = 1000;

    /// <summary>Height of every PNG in pixels.</summary>
    public const int Height = 600;

    // Needs fonts-dejavu-core (CI installs it): without any font ScottPlot draws no text at all.
    private const string FontName = "DejaVu Sans";

    /// <summary>An empty plot in the figures' font; the caller disposes it.</summary>
    public static Plot Create()
    {
        var plot = new Plot();
        plot.Font.Set(FontName);
        return plot;
    }

    /// <summary>A plot as PNG bytes, <see cref="Width"/> × <see cref="Height"/>.</summary>
    public static byte[] Png(Plot plot) => plot.GetImageBytes(Width, Height, ImageFormat.Png);

    /// <summary>Writes the plot to <paramref name="path"/> as a PNG, whole or not at all (temporary file and rename).</summary>
    /// <exception cref="ModelFileException">The file cannot be written.</exception>
    public static void Write(Plot plot, string path)
    {
        byte[] png = Png(plot);
        AtomicFile.Write(path, stream => stream.Write(png));
    }

    /// <summary>
    /// An input description cut before where its random key is named ("… on the key FromSeed(s)/inputs, …"):
    /// the titles give the seed on their own line, and the full text does not fit the figure's width.
    /// </summary>
    public static string ShortInputs(string inputs)
    {
        int key = inputs.IndexOf(" on the key ", StringComparison.Ordinal);
        return key < 0 ? inputs : inputs[..key];
    }
}
