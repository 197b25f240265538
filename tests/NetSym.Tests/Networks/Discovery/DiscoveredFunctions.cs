using System.Collections.Concurrent;
using NetSym.Networks;
using NetSym.Networks.Discovery;

namespace NetSym.Tests.Networks.Discovery;

/// <summary>
/// The functions the discovery tests use, by name, each discovered once per test run (discovery takes
/// tens to hundreds of milliseconds, and several tests look at the same function's result).
/// </summary>
internal static class DiscoveredFunctions
{
    private static readonly ConcurrentDictionary<string, DiscoveryResult> Results = new();

    /// <summary>Functions given as lambdas; every other name is a catalog spec read by ActivationCatalog.Parse.</summary>
    private static readonly Dictionary<string, Func<double, double>> Lambdas = new()
    {
        ["x^3"] = x => x * x * x,
        ["sin"] = Math.Sin,
        ["cos"] = Math.Cos,
        ["exp"] = Math.Exp,
        ["x+sin(x)"] = x => x + Math.Sin(x),
        ["softsign"] = x => x / (1 + Math.Abs(x)),
        ["silu"] = x => x / (1 + Math.Exp(-x)),
        ["hardsigmoid"] = x => Math.Clamp(x / 6 + 0.5, 0, 1),
        // Conjugates of catalog functions: the centre of the symmetries moves with the input shift.
        ["tanh(x-2)"] = x => Math.Tanh(x - 2),
        ["relu(x-1)"] = x => Math.Max(x - 1, 0),
        ["1e6*tanh(x)+3"] = x => 1e6 * Math.Tanh(x) + 3,
        ["2x+1"] = x => 2 * x + 1,
    };

    /// <summary>ρ by name.</summary>
    public static Func<double, double> Function(string name) =>
        Lambdas.TryGetValue(name, out var f) ? f : ActivationCatalog.Parse(name).Value;

    /// <summary>The discovery result for <paramref name="name"/> with the default options.</summary>
    public static DiscoveryResult Of(string name) => Results.GetOrAdd(name, n => SymmetryDiscovery.Discover(Function(n), DiscoveryOptions.Default));

    /// <summary>A verifier with the default options, for checks independent of the search.</summary>
    public static SymmetryVerifier Verifier(string name) =>
        new(Function(name), DiscoveryOptions.Default, NetSym.Randomness.RandomKey.FromSeed(12345));
}
