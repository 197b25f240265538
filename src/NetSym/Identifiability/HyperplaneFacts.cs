namespace NetSym.Identifiability;

/// <summary>
/// One hidden neuron of a one-hidden-layer ReLU network seen as its hyperplane
/// H = {x : w·x + b = 0}: where it lies relative to the domain and whether another neuron shares it.
/// </summary>
/// <param name="Neuron">The neuron's index in the hidden layer.</param>
/// <param name="WeightsNonzero">w ≠ 0, so that H is a hyperplane (otherwise the neuron is constant).</param>
/// <param name="OutgoingNonzero">Its outgoing weights v are not all zero.</param>
/// <param name="Low">min of w·x + b over the domain (−∞ without a domain), rounded to a double.</param>
/// <param name="High">max of w·x + b over the domain (+∞ without a domain), rounded to a double.</param>
/// <param name="MeetsDomain">H meets the open domain: min &lt; 0 &lt; max, decided exactly.</param>
/// <param name="SharedWith">Another neuron with the same hyperplane (the first such), or null.</param>
/// <param name="SameOrientation">For a shared hyperplane: (w′, b′) = λ·(w, b) with λ &gt; 0 (twins) rather than λ &lt; 0.</param>
public sealed record HyperplaneFacts(int Neuron, bool WeightsNonzero, bool OutgoingNonzero, double Low, double High, bool MeetsDomain,
    int? SharedWith, bool? SameOrientation)
{
    /// <summary>Where the neuron is active, in words.</summary>
    public string Side => !WeightsNonzero ? "no hyperplane (w = 0): constant"
        : MeetsDomain ? "crosses the domain"
        : High <= 0 ? "never active on the domain (w·x + b ≤ 0)"
        : "always active on the domain (w·x + b ≥ 0): affine there";
}
