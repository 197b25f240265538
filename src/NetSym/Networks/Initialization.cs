namespace NetSym.Networks;

/// <summary>How <see cref="RandomNetworks"/> draws weights and biases (fan_in = a layer's input size).</summary>
public enum Initialization
{
    /// <summary>nn.Linear's default: weights and biases ~ U(−1/√fan_in, 1/√fan_in).</summary>
    PyTorch,

    /// <summary>He (Kaiming) normal: weights ~ N(0, 2/fan_in), biases 0.</summary>
    He,

    /// <summary>
    /// He (Kaiming) normal weights ~ N(0, 2/fan_in) and small Gaussian biases ~ N(0, 0.1²): the sweep's
    /// default. Non-zero symmetric biases put the kinks off the origin in every direction, so the
    /// networks with full functional dimension are not a measure-zero set (with zero biases a 1-1-1-1
    /// ReLU network is never full) while the kinks stay where a Gaussian batch reaches them.
    /// </summary>
    HeBias,

    /// <summary>Glorot (Xavier) uniform: weights ~ U(±√(6/(fan_in + fan_out))), biases 0.</summary>
    Glorot,

    /// <summary>Weights and biases i.i.d. N(0, 1/fan_in): variance-preserving and with non-zero biases.</summary>
    Gaussian,
}
