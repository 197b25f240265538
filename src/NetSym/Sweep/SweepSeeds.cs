namespace NetSym.Sweep;

/// <summary>A trial's seeds: for <c>new Random(seed)</c> drawing the network, the inputs and the primes.</summary>
public readonly record struct SweepSeeds(int Network, int Inputs, int Primes);
