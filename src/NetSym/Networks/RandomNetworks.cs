namespace NetSym.Networks;

/// <summary>Random dense networks, reproducible from a seed on every machine.</summary>
public static class RandomNetworks
{
    /// <summary>
    /// A dense MLP of the given architecture: <paramref name="hidden"/> on every hidden layer, identity
    /// on the output layer, parameters drawn by <paramref name="init"/> from <paramref name="random"/>.
    /// </summary>
    public static Network Create(Architecture architecture, Activation hidden, Initialization init, Random random)
    {
        var w = architecture.Widths;
        var layers = new List<(double[], double[], Activation)>();
        for (int l = 1; l < w.Count; l++)
        {
            int fanIn = w[l - 1], fanOut = w[l];
            var weights = new double[LinearAlgebra.Matrix.CheckedSize(fanOut, fanIn)];
            var bias = new double[fanOut];
            switch (init)
            {
                case Initialization.PyTorch:
                    double bound = 1 / Math.Sqrt(fanIn);
                    Fill(weights, () => Uniform(random, bound));
                    Fill(bias, () => Uniform(random, bound));
                    break;
                case Initialization.He:
                    Fill(weights, () => Gaussian(random) * Math.Sqrt(2.0 / fanIn));
                    break;
                case Initialization.Glorot:
                    double g = Math.Sqrt(6.0 / (fanIn + fanOut));
                    Fill(weights, () => Uniform(random, g));
                    break;
                case Initialization.Gaussian:
                    double sd = 1 / Math.Sqrt(fanIn);
                    Fill(weights, () => Gaussian(random) * sd);
                    Fill(bias, () => Gaussian(random) * sd);
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(init));
            }
            layers.Add((weights, bias, l == w.Count - 1 ? new IdentityActivation() : hidden));
        }
        return Network.Sequential(w[0], layers);
    }

    /// <summary>A rows × columns matrix of independent standard normal draws, filled row by row from <paramref name="random"/>.</summary>
    public static LinearAlgebra.Matrix GaussianInputs(int rows, int columns, Random random)
    {
        var inputs = new LinearAlgebra.Matrix(rows, columns);
        for (int k = 0; k < inputs.Data.Length; k++) inputs.Data[k] = Gaussian(random);
        return inputs;
    }

    /// <summary>A standard normal draw (Box–Muller on two uniforms from <paramref name="random"/>).</summary>
    public static double Gaussian(Random random)
    {
        double u1 = 1.0 - random.NextDouble(); // in (0, 1]: log is finite
        double u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    private static double Uniform(Random random, double bound) => (2 * random.NextDouble() - 1) * bound;

    private static void Fill(double[] target, Func<double> draw)
    {
        for (int i = 0; i < target.Length; i++) target[i] = draw();
    }
}
