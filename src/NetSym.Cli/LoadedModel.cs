using System.CommandLine;
using NetSym.IO;
using NetSym.Networks;

namespace NetSym.Cli;

/// <summary>A network and where it came from, as reports name it.</summary>
/// <param name="Network">The network, with <paramref name="ActivationOverride"/> applied.</param>
/// <param name="Source">The file, or a description of the embedded example.</param>
/// <param name="Format">The format in words, e.g. "NetSym JSON".</param>
/// <param name="ActivationOverride">The --activation given, if any.</param>
internal sealed record LoadedModel(Network Network, string Source, string Format, Activation? ActivationOverride)
{
    /// <summary>What reading changed, a line each (a BatchNormalization folded); empty when nothing was.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>Reads a model file by extension (<see cref="ModelFiles.Read"/>), telling <paramref name="progress"/> how far it has got.</summary>
    public static LoadedModel Read(string path, Activation? hiddenActivation, IProgress<ProgressReport>? progress = null)
    {
        var notes = new List<string>();
        return new(ModelFiles.Read(path, hiddenActivation, progress, notes), path, ModelFormatNames.Of(path), hiddenActivation) { Notes = notes };
    }

    /// <summary>
    /// Reads a model file under <paramref name="invocation"/>'s progress display, titled with the
    /// command: on a terminal, each MiB read and then the parsing.
    /// </summary>
    public static LoadedModel Read(Invocation invocation, string path, Activation? hiddenActivation) =>
        invocation.WithProgress(invocation.CommandName, progress => Read(path, hiddenActivation, progress));

    /// <summary>
    /// The two models A and B of a comparing command (equiv, align), with the shared --activation;
    /// each read under <paramref name="invocation"/>'s progress display when one is given.
    /// </summary>
    public static (LoadedModel A, LoadedModel B) ReadPair(ParseResult parse, Argument<string> a, Argument<string> b, CliOptions options, Invocation? invocation = null)
    {
        var activation = parse.GetValue(options.ModelActivation);
        LoadedModel One(Argument<string> argument) =>
            invocation is null ? Read(parse.GetRequiredValue(argument), activation) : Read(invocation, parse.GetRequiredValue(argument), activation);
        return (One(a), One(b));
    }
}
