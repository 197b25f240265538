using System.Numerics;
using NetSym.LinearAlgebra;

namespace NetSym.Networks;

/// <summary>
/// The exact parameter Jacobian ∂(f_θ(x_1), …, f_θ(x_N))/∂θ of a piecewise-linear network, reduced
/// mod p: same shape, row order (i·m + o) and column order (<see cref="Network.GetParameters"/>) as
/// <see cref="ParameterJacobian"/>, entries residues in [0, p) stored as doubles.
/// </summary>
/// <remarks>
/// With the activation pattern fixed, neuron j of layer l outputs s·z + c for its piece's slope s and
/// intercept c, so every node value and every entry δ_l[(i,o), j]·x_l[i, k] (weights) or δ_l[(i,o), j]
/// (biases) is a polynomial in the weights, inputs, slopes and intercepts, all dyadic rationals. On
/// an input with a pre-activation exactly on a breakpoint, where f need not be differentiable in θ,
/// ρ′ is PyTorch's value there (<see cref="ExactPieces.BreakpointSlopes"/>), as in <see cref="ParameterJacobian"/>.
/// Reduction mod p is a ring homomorphism on the dyadics (p is odd), so running the same forward and
/// reverse passes on the residues gives the residues of the exact rational entries: the rank of the
/// result over F_p is a lower bound on the exact rank over Q. The passes multiply on
/// <see cref="ModularGemm"/>; the outer products use that a product of two residues below 2^23 is
/// exact in a double. Convolutions, pooling and additions follow <see cref="ParameterJacobian"/>: a
/// max pool passes its gradient to the tap the pattern certified as the first exact maximum.
/// </remarks>
public static class ModularParameterJacobian
{
    /// <summary>An (N·m) × P matrix of residues; row i·m + o is ∇_θ f_o(x_i) mod p.</summary>
    /// <param name="network">A network whose activations are all piecewise linear.</param>
    /// <param name="inputs">The batch, one input per row.</param>
    /// <param name="field">The prime field.</param>
    /// <param name="pattern">The certified pattern of <paramref name="network"/> on these inputs; certified here when null.</param>
    /// <param name="backend">The engine behind the modular GEMMs.</param>
    /// <exception cref="ArgumentException">
    /// An activation is not piecewise linear; the inputs have the wrong width or a non-finite entry;
    /// the pattern does not fit.
    /// </exception>
    public static Matrix Compute(Network network, Matrix inputs, PrimeField field,
        ActivationPattern? pattern, LinearAlgebraBackend backend)
    {
        var la = backend ?? throw new ArgumentNullException(nameof(backend));
        var pieces = network.Layers.Select(l => ExactPieces.Of(l.Activation)).ToArray();
        ExactEvaluation.RequireRationalInputs(network, inputs);
        pattern ??= ActivationPattern.Certify(network, inputs, la);
        if (!pattern.Fits(network) || pattern.SampleCount != inputs.Rows)
            throw new ArgumentException($"the activation pattern ({pattern.SampleCount} inputs, widths {string.Join("-", pattern.LayerWidths)}) " +
                $"does not fit {inputs.Rows} inputs of a {network.Architecture} network");

        var residues = new ResidueArithmetic(network, pieces, pattern, field, la);
        var input = new Matrix(inputs.Rows, inputs.Columns);
        DyadicResidues.Map(field, inputs.Data, input.Data);
        var nodes = LayerKernel.Forward(network, input, residues);
        // A dense layer reads the concatenation of its sources; a convolution reads its one source's windows.
        var layerInputs = network.Layers.Select((layer, l) => layer.Kind switch
        {
            LayerKind.Dense => LayerKernel.LayerInput(network, nodes, l),
            LayerKind.Convolution => nodes[layer.Sources[0]],
            _ => null,
        }).ToArray();
        var seeds = LayerKernel.OutputSeeds(inputs.Rows, network.OutputSize);
        var deltas = LayerKernel.Reverse(network, seeds, residues, wantInput: false, out _);
        var jacobian = Assemble(network, layerInputs, deltas, field);
        for (int l = 0; l < network.Layers.Count; l++)
            if (network.Layers[l].Kind == LayerKind.Convolution)
                ConvolutionBlock(network.Layers[l], network.Layout.Offset(l), layerInputs[l]!, deltas[l], jacobian, field, la);
        return jacobian;
    }

    /// <summary>
    /// Kernel entries δ_g·col_g and biases Σ_p δ[o, p] of a convolution mod p, as <see cref="ParameterJacobian"/>
    /// sums them over the positions; the window copies of a sample serve its m rows.
    /// </summary>
    private static void ConvolutionBlock(Layer layer, int start, Matrix x, Matrix delta, Matrix jacobian, PrimeField field, LinearAlgebraBackend la)
    {
        var window = ResidueWindow.NonNegative(field);
        int m = jacobian.Rows / x.Rows, positions = layer.OutputShape.Positions, width = layer.WeightColumns;
        int groupOut = layer.Units / layer.Groups, kernelSize = layer.Weights.Length;
        var columns = new double[layer.Groups * WindowKernels.ColumnsLength(layer)];
        int groupColumns = WindowKernels.ColumnsLength(layer);
        for (int r = 0; r < jacobian.Rows; r++)
        {
            if (r % m == 0)
                for (int g = 0; g < layer.Groups; g++)
                    WindowKernels.Gather<double>(layer, g, x.Row(r / m), columns.AsSpan(g * groupColumns, groupColumns));
            var jRow = jacobian.Row(r);
            var d = delta.Row(r);
            for (int g = 0; g < layer.Groups; g++)
                ModularGemm.Update(window, accumulate: false, subtract: false, groupOut, width, positions, d.Slice(g * groupOut * positions), positions,
                    columns.AsSpan(g * groupColumns, groupColumns), width, jRow.Slice(start + g * groupOut * width), width, la);
            for (int o = 0; o < layer.Units; o++)
            {
                double sum = 0; // at most P residues: exact in a double
                foreach (double v in d.Slice(o * positions, positions)) sum += v;
                jRow[start + kernelSize + o] = window.Reduce(sum);
            }
        }
    }

    /// <summary>Weight blocks δ_l ⊗ x_l and bias blocks δ_l mod p of the dense layers, row by row in parallel.</summary>
    private static Matrix Assemble(Network network, Matrix?[] inputs, Matrix[] deltas, PrimeField field)
    {
        int m = network.OutputSize, rows = deltas[0].Rows, parameters = network.ParameterCount;
        var compressed = network.Layers.Select((_, l) => network.Layout.EdgePositions(l)).ToArray();
        var offsets = network.Layers.Select((_, l) => network.Layout.Offset(l)).ToArray();
        var reducer = new Reducer(field.P);
        // Every entry is written below, so the (possibly multi-GB) array need not be zeroed first.
        var jacobian = new Matrix(rows, parameters, GC.AllocateUninitializedArray<double>(Matrix.CheckedSize(rows, parameters)));
        Parallel.For(0, rows, r =>
        {
            var jRow = jacobian.Row(r);
            for (int l = 0; l < deltas.Length; l++)
            {
                var layer = network.Layers[l];
                if (layer.Kind != LayerKind.Dense) continue;
                int width = layer.OutputSize, fanIn = layer.InputSize, start = offsets[l];
                var x = inputs[l]!.Row(r / m);
                var d = deltas[l].Row(r);
                if (compressed[l] is { } columnOf)
                {
                    for (int e = 0; e < columnOf.Length; e++)
                        jRow[start + e] = reducer.Product(d[columnOf[e] / fanIn], x[columnOf[e] % fanIn]);
                    start += columnOf.Length;
                }
                else
                {
                    for (int j = 0; j < width; j++)
                    {
                        var block = jRow.Slice(start + j * fanIn, fanIn);
                        if (d[j] == 0) block.Clear(); // an inactive ReLU neuron: nothing to multiply
                        else reducer.Scale(x, d[j], block);
                    }
                    start += width * fanIn;
                }
                d.CopyTo(jRow.Slice(start, width));
            }
        });
        return jacobian;
    }

    /// <summary>
    /// a·b mod p for residues a, b &lt; p &lt; 2^23: the product is below 2^46, hence exact in a double,
    /// and so is q·p for q = ⌊a·b / p⌋; the quotient taken through a rounded 1/p is off by at most one,
    /// which one conditional correction each way repairs.
    /// </summary>
    private readonly struct Reducer(long p)
    {
        private readonly double _p = p;
        private readonly double _inverse = 1.0 / p;

        public double Product(double a, double b)
        {
            double product = a * b;
            double r = product - Math.Floor(product * _inverse) * _p;
            if (r < 0) r += _p;
            else if (r >= _p) r -= _p;
            return r;
        }

        /// <summary>destination = x·d mod p.</summary>
        public void Scale(ReadOnlySpan<double> x, double d, Span<double> destination)
        {
            int k = 0;
            if (Vector.IsHardwareAccelerated)
            {
                var vd = new Vector<double>(d);
                var vp = new Vector<double>(_p);
                var inverse = new Vector<double>(_inverse);
                for (; k <= x.Length - Vector<double>.Count; k += Vector<double>.Count)
                {
                    var product = new Vector<double>(x[k..]) * vd;
                    var r = product - Vector.Floor(product * inverse) * vp;
                    r += Vector.ConditionalSelect(Vector.LessThan(r, Vector<double>.Zero), vp, Vector<double>.Zero);
                    r -= Vector.ConditionalSelect(Vector.GreaterThanOrEqual(r, vp), vp, Vector<double>.Zero);
                    r.CopyTo(destination[k..]);
                }
            }
            for (; k < x.Length; k++) destination[k] = Product(x[k], d);
        }
    }
}
