namespace NetSym.Symmetries;

/// <summary>
/// The per-channel factors λ a channel class admits: its producers' outputs are multiplied by λ_c on
/// channel c and every consumer divides its weights on that channel by λ_c. Flags: no flag is λ = 1 only.
/// </summary>
[Flags]
public enum ChannelFactors
{
    /// <summary>λ = 1 only: the channels are fixed (the network's input or output, or no activation allows more).</summary>
    None = 0,

    /// <summary>Every λ &gt; 0 (ReLU, leaky ReLU): one continuous parameter per channel.</summary>
    PositiveScaling = 1,

    /// <summary>λ = −1 (tanh and other odd activations, when no max-pool reads the channels): a factor 2 per channel.</summary>
    SignFlip = 2,

    /// <summary>Every λ ≠ 0 (the identity activation): positive scalings and sign flips.</summary>
    NonzeroScaling = PositiveScaling | SignFlip,
}
