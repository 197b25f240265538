namespace NetSym.Networks;

/// <summary>
/// One neuron that a <see cref="KinkPoint.Aim"/> point lies beside: its <see cref="Breakpoint"/>, and whether the
/// point lies <see cref="Above"/> it or below (<see cref="KinkTargets"/> draws them).
/// </summary>
/// <param name="Neuron">The neuron.</param>
/// <param name="Breakpoint">The breakpoint of its activation.</param>
/// <param name="Above">Whether the point's pre-activation lies above the breakpoint.</param>
public readonly record struct KinkSide(Neuron Neuron, double Breakpoint, bool Above);
