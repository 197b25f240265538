using NetSym.Randomness;

namespace NetSym.Networks;

/// <summary>Random dense networks and inputs, reproducible from a <see cref="RandomKey"/> on every machine.</summary>
public static class RandomNetworks
{
    /// <summary>The standard deviation of <see cref="Initialization.HeBias"/>'s biases.</summary>
    public const double HeBiasDeviation = 0.1;

    /// <summary>
    /// A dense MLP of the given architecture: <paramref name="hidden"/> on every hidden layer, identity
    /// on the output layer, parameters drawn by <paramref name="init"/>. Layer l (from 0) draws its
    /// weights, row-major, from the stream of <c>key.Split(l).Split("weights")</c> and its biases from
    /// <c>key.Split(l).Split("biases")</c>, so adding, removing or widening one layer leaves the
    /// draws of every other layer unchanged.
    /// </summary>
    /// <param name="architecture">The widths.</param>
    /// <param name="hidden">The activation of every hidden layer.</param>
    /// <param name="init">How the parameters are drawn.</param>
    /// <param name="key">The random key (see above).</param>
    /// <param name="progress">Told of each layer as it is drawn; the draws are the same with or without it.</param>
    public static Network Create(Architecture architecture, Activation hidden, Initialization init, RandomKey key, IProgress<ProgressReport>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(architecture);
        var w = architecture.Widths;
        var layers = new List<(double[], double[], Activation)>();
        var stages = new ProgressStages(progress, w.Count - 1);
        for (int l = 1; l < w.Count; l++)
        {
            int fanIn = w[l - 1], fanOut = w[l];
            stages.Begin($"drawing layer {l} of {w.Count - 1} ({fanOut} × {fanIn})");
            var weights = new double[LinearAlgebra.Matrix.CheckedSize(fanOut, fanIn)];
            var bias = new double[fanOut];
            var layerKey = key.Split(l - 1);
            var weightDraws = layerKey.Split(RandomPurpose.Weights).Stream();
            var biasDraws = layerKey.Split(RandomPurpose.Biases).Stream();
            switch (init)
            {
                case Initialization.PyTorch:
                    double bound = 1 / Math.Sqrt(fanIn);
                    Fill(weights, () => Uniform(weightDraws, bound));
                    Fill(bias, () => Uniform(biasDraws, bound));
                    break;
                case Initialization.He:
                    Fill(weights, () => weightDraws.NextNormal() * Math.Sqrt(2.0 / fanIn));
                    break;
                case Initialization.HeBias:
                    Fill(weights, () => weightDraws.NextNormal() * Math.Sqrt(2.0 / fanIn));
                    Fill(bias, () => biasDraws.NextNormal() * HeBiasDeviation);
                    break;
                case Initialization.Glorot:
                    double g = Math.Sqrt(6.0 / (fanIn + fanOut));
                    Fill(weights, () => Uniform(weightDraws, g));
                    break;
                case Initialization.Gaussian:
                    double sd = 1 / Math.Sqrt(fanIn);
                    Fill(weights, () => weightDraws.NextNormal() * sd);
                    Fill(bias, () => biasDraws.NextNormal() * sd);
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(init));
            }
            layers.Add((weights, bias, l == w.Count - 1 ? new IdentityActivation() : hidden));
        }
        var network = Network.Sequential(w[0], layers);
        stages.Complete();
        return network;
    }

    /// <summary>The memory <see cref="Create"/> takes: one double per parameter.</summary>
    /// <exception cref="ArgumentException">A layer whose weights one array cannot hold, as <see cref="Create"/> would throw.</exception>
    public static MemoryEstimate EstimateMemory(Architecture architecture)
    {
        ArgumentNullException.ThrowIfNull(architecture);
        for (int l = 1; l < architecture.Widths.Count; l++) LinearAlgebra.Matrix.CheckedSize(architecture.Widths[l], architecture.Widths[l - 1]);
        return MemoryEstimate.Of($"network of {architecture.ParameterCount} parameters", MemoryEstimate.Doubles(1, architecture.ParameterCount));
    }

    /// <summary>
    /// A rows × columns matrix of independent standard normal draws (<see cref="RandomStream.NextNormal"/>):
    /// row i from the stream of <c>key.Split(i)</c>, so a larger batch extends a smaller one and a
    /// longer row extends a shorter one.
    /// </summary>
    public static LinearAlgebra.Matrix GaussianInputs(int rows, int columns, RandomKey key) =>
        Inputs(rows, columns, key, (random, _) => random.NextNormal());

    /// <summary>
    /// A rows × columns matrix whose row i holds <paramref name="draw"/>(stream, column) for each
    /// column in order, on the stream of <c>key.Split(i)</c>: rows are independent of how many there are.
    /// </summary>
    public static LinearAlgebra.Matrix Inputs(int rows, int columns, RandomKey key, Func<RandomStream, int, double> draw)
    {
        ArgumentNullException.ThrowIfNull(draw);
        var inputs = new LinearAlgebra.Matrix(rows, columns);
        for (int i = 0; i < rows; i++)
        {
            var random = key.Split(i).Stream();
            var row = inputs.Row(i);
            for (int k = 0; k < row.Length; k++) row[k] = draw(random, k);
        }
        return inputs;
    }

    private static double Uniform(RandomStream random, double bound) => (2 * random.NextDouble() - 1) * bound;

    private static void Fill(double[] target, Func<double> draw)
    {
        for (int i = 0; i < target.Length; i++) target[i] = draw();
    }
}
