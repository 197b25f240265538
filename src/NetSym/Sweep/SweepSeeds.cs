namespace NetSym.Sweep;

/// <summary>
/// A trial's seeds, each the root of a <see cref="Randomness.RandomKey"/>: the network is drawn from
/// <c>FromSeed(Network).Split("network")</c>, the inputs from <c>FromSeed(Inputs).Split("inputs")</c>,
/// the primes by <see cref="LinearAlgebra.PrimeField.Draws"/>(Primes).
/// </summary>
public readonly record struct SweepSeeds(int Network, int Inputs, int Primes);
