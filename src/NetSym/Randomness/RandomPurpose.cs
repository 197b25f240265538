namespace NetSym.Randomness;

/// <summary>
/// The names under which a root key is split for each kind of draw (<see cref="RandomKey.Split(string)"/>),
/// kept in one place so that no two uses share a key by accident and docs/randomness.md can list them.
/// </summary>
public static class RandomPurpose
{
    /// <summary>The parameters of a random network (then per layer, then <see cref="Weights"/> or <see cref="Biases"/>).</summary>
    public const string Network = "network";

    /// <summary>A layer's weight matrix, row-major.</summary>
    public const string Weights = "weights";

    /// <summary>A layer's bias vector.</summary>
    public const string Biases = "biases";

    /// <summary>Sample inputs (then per row).</summary>
    public const string Inputs = "inputs";

    /// <summary>The pilot batch on which the kink sampler of a network with convolutions, pooling or sums counts how often each neuron is active (under <see cref="Inputs"/>).</summary>
    public const string KinkPilot = "kink pilot";

    /// <summary>Random group elements of an orbit (then per element).</summary>
    public const string Orbit = "orbit";

    /// <summary>The primes of exact rank computations (then per prime).</summary>
    public const string Primes = "primes";

    /// <summary>The rounds of a witness search (then per round).</summary>
    public const string Witness = "witness";

    /// <summary>The trials of a sweep (then per trial).</summary>
    public const string Trials = "trials";

    /// <summary>The class order of the weight-matching sweeps of a convolutional alignment.</summary>
    public const string Alignment = "alignment";
}
