using System.Reflection;
using NetSym.IO;
using NetSym.Networks;

namespace NetSym.Cli.Analysis;

/// <summary>
/// The network <c>netsym analyze</c> looks at when given no model: a 3-5-4-2 ReLU MLP whose
/// weights are fixed multiples of 1/16 (exact in binary, so exact arithmetic on it is easy),
/// stored as NetSym JSON in the embedded resource ExampleNetwork.json.
/// </summary>
internal static class ExampleNetwork
{
    /// <summary>How reports name the example.</summary>
    public const string Description = "embedded example: 3-5-4-2 ReLU network with fixed weights (multiples of 1/16)";

    private const string ResourceName = "NetSym.Cli.ExampleNetwork.json";

    /// <summary>Loads the example; <paramref name="hiddenActivation"/>, when given, replaces its ReLUs.</summary>
    public static LoadedModel Load(Activation? hiddenActivation)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"resource {ResourceName} is missing from the build");
        using var bytes = new MemoryStream();
        stream.CopyTo(bytes);
        var network = NetworkJson.Parse(bytes.ToArray(), ResourceName);
        if (hiddenActivation is not null) network = ModelFiles.WithHiddenActivation(network, hiddenActivation);
        return new LoadedModel(network, Description, "NetSym JSON", hiddenActivation);
    }
}
