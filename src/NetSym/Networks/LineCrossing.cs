namespace NetSym.Networks;

/// <summary>
/// A place x(<see cref="T"/>) = origin + T·direction on a line where <see cref="Neuron"/>'s
/// pre-activation crosses one of its activation's breakpoints (<see cref="LineWalk"/>).
/// </summary>
public readonly record struct LineCrossing(double T, Neuron Neuron);
