using NetSym.Dimension;
using NetSym.IO;
using NetSym.LinearAlgebra;
using NetSym.Networks;
using NetSym.Tests.IO;

namespace NetSym.Tests.Dimension;

/// <summary>
/// Deficit causes in the dense layers at the end of a network with convolutions: a dense unit that is active on every
/// input of the batch is affine there, so the change (its bias + 1, each output bias − its outgoing weight) leaves the
/// outputs unchanged on the batch. The cause is named exactly for the units whose trade is in the kernel of J, and no
/// cause is claimed for the convolutions, whose channels share kernels over positions.
/// </summary>
public class DenseTailCauseTests
{
    private static readonly LinearAlgebraBackend Backend = LinearAlgebraBackends.Default;

    [Fact]
    public void The_vgg_fixture_names_its_dense_units_always_active_on_the_batch_and_their_bias_trades_are_in_the_kernel()
    {
        var network = OnnxModelReader.Read(Fixtures.Onnx(Path.Combine("cnn", "vgg_relu_3x16x16_opset11.onnx")));
        // More inputs than the dense units' fan-in + 1, so an active unit is not merely rarely active.
        var batch = InputSampler.Gaussian(network.InputSize).Draw(200, 1);
        var pattern = ActivationPattern.Certify(network, batch, Backend);
        int bound = FunctionalDimension.Bound(network);
        var causes = DeficitCauses.Find(network, batch, pattern, batch.Rows * network.OutputSize, bound, bound - 1, Backend);
        int hidden = network.Layers.Count - 2, output = hidden + 1;
        var linear = Assert.Single(causes, c => c.Kind == DeficitCauseKind.LinearOnBatch);
        Assert.Equal(hidden, linear.Layer);
        // Unit 9 is the one the aimed kink batches missed before they aimed below kinks (bench/README.md, issue 12).
        Assert.Contains(9, linear.Neurons);
        Assert.All(causes.Where(c => c.Layer is not null), c => Assert.Equal(hidden, c.Layer));

        var j = ParameterJacobian.Compute(network, batch, Backend);
        var pre = Forward.Trace(network, batch, Backend).PreActivations[hidden];
        var outputLayer = network.Layers[output];
        for (int unit = 0; unit < network.Layers[hidden].OutputSize; unit++)
        {
            // J·trade: the unit's bias column less its outgoing weights times the output biases' columns.
            int bias = network.Layout.Bias(hidden, unit);
            double moved = Math.Sqrt(Enumerable.Range(0, j.Rows).Sum(r =>
            {
                double s = j[r, bias];
                for (int o = 0; o < outputLayer.OutputSize; o++) s -= outputLayer.Weight(o, unit) * j[r, network.Layout.Bias(output, o)];
                return s * s;
            }));
            // Where the unit is on, its bias column is 1 on each output and the trade cancels; where it is off, only the
            // output biases move, by −(its outgoing weights): |J·trade| = |w| · √(inputs where it is off).
            int off = Enumerable.Range(0, batch.Rows).Count(i => pre[i, unit] <= 0);
            double outgoing = Math.Sqrt(Enumerable.Range(0, outputLayer.OutputSize).Sum(o => outputLayer.Weight(o, unit) * outputLayer.Weight(o, unit)));
            Assert.Equal(off == 0, linear.Neurons.Contains(unit));
            Assert.True(Math.Abs(moved - outgoing * Math.Sqrt(off)) <= 1e-9 * outgoing * Math.Sqrt(batch.Rows), $"unit {unit}: |J·trade| = {moved}, off on {off}");
        }
    }
}
