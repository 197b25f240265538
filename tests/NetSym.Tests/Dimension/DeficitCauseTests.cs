using NetSym.Dimension;
using NetSym.Embedding;
using NetSym.IO;
using NetSym.LinearAlgebra;
using NetSym.Networks;

namespace NetSym.Tests.Dimension;

/// <summary>Planted degeneracies: each must show as the right deficit, the right cause, and kernel directions that move only the planted neurons' parameters.</summary>
public class DeficitCauseTests
{
    private static readonly Matrix Batch = TestNetworks.GaussianInputs(60, 3, 11);

    private static FunctionalDimensionResult Exact(Network network) =>
        FunctionalDimension.Compute(network, Batch, LinearAlgebraBackends.Default, new FunctionalDimensionOptions { Method = RankMethod.Exact, Seed = 3 });

    private static FunctionalDimensionResult Float(Network network) =>
        FunctionalDimension.Compute(network, Batch, LinearAlgebraBackends.Default, new FunctionalDimensionOptions { Method = RankMethod.Float });

    /// <summary>Parameter indices of neuron j of layer l: incoming weights, bias, outgoing weights (dense sequential network).</summary>
    private static HashSet<int> Own(Network network, int l, int j)
    {
        var layer = network.Layers[l];
        int offset = network.ParameterOffset(l), fanIn = layer.InputSize;
        var own = Enumerable.Range(offset + j * fanIn, fanIn).Append(offset + layer.OutputSize * fanIn + j).ToHashSet();
        var next = network.Layers[l + 1];
        int nextOffset = network.ParameterOffset(l + 1);
        for (int r = 0; r < next.OutputSize; r++) own.Add(nextOffset + r * next.InputSize + j);
        return own;
    }

    [Fact]
    public void The_generic_network_has_no_deficit_and_no_cause()
    {
        var result = Exact(PlantedNetworks.Generic());
        Assert.Equal(0, result.Deficit);
        Assert.True(result.Certified);
        Assert.Empty(result.Causes);
        Assert.Equal(KernelStatus.RankMeetsBound, result.Kernel.Status);
        Assert.False(result.Kernel.Computed);
        Assert.Equal(result.Rank, Float(PlantedNetworks.Generic()).Rank);
    }

    [Fact]
    public void A_neuron_dead_on_the_batch_frees_each_of_its_parameters_alone()
    {
        var network = PlantedNetworks.WithBias(PlantedNetworks.Generic(), 0, 0, -100);
        var result = Exact(network);
        // Its 3 incoming weights, bias and 4 outgoing weights are in the kernel; the bound already removes one (its scaling).
        Assert.Equal(3 + 1 + 4 - 1, result.Deficit);
        Assert.Equal(result.Rank, Float(network).Rank);
        var cause = Assert.Single(result.Causes);
        Assert.Equal(DeficitCauseKind.DeadOnBatch, cause.Kind);
        Assert.Equal(0, cause.Layer);
        Assert.Equal([0], cause.Neurons);

        Assert.True(result.Kernel.Computed);
        Assert.Equal(result.Deficit, result.Kernel.Directions.Count);
        var viaFloat = Float(network).Kernel;
        Assert.True(viaFloat.UnderFloatRank);
        Assert.Equal(result.Kernel.Directions.Count, viaFloat.Directions.Count);
        var own = Own(network, 0, 0);
        foreach (var d in result.Kernel.Directions)
        {
            // The reduced basis vector of a zero column is that coordinate vector, exactly.
            Assert.Equal([d.FreeParameter], d.Parameters);
            Assert.Contains(d.FreeParameter, own);
            Assert.Equal([new SmallRational(1, 1)], d.Lift!);
            Assert.Equal([new Neuron(0, 0)], d.Neurons.Where(n => n.Layer == 0));
            Assert.Equal([0], d.ExplainedBy);
        }
    }

    [Fact]
    public void Twin_neurons_leave_one_direction_per_consumer_that_moves_only_the_twins()
    {
        var network = PlantedNetworks.WithTwin(PlantedNetworks.Generic(), 0, 1, 3, 2.0);
        var result = Exact(network);
        // ρ(2z)·u' + ρ(z)·u = ρ(z)·(u + 2u'): only u + 2u' matters, one combination per consumer neuron.
        Assert.Equal(4, result.Deficit);
        Assert.Equal(result.Rank, Float(network).Rank);
        var cause = Assert.Single(result.Causes);
        Assert.Equal(DeficitCauseKind.Twin, cause.Kind);
        Assert.Equal([1, 3], cause.Neurons);

        Assert.Equal(4, result.Kernel.Directions.Count);
        var own = Own(network, 0, 1).Union(Own(network, 0, 3)).ToHashSet();
        foreach (var d in result.Kernel.Directions)
        {
            Assert.All(d.Parameters, p => Assert.Contains(p, own));
            Assert.Equal([0], d.ExplainedBy);
            Assert.All(d.Neurons.Where(n => n.Layer == 0), n => Assert.Contains(n, new Neuron[] { new(0, 1), new(0, 3) }));
        }
        // Some direction is exactly u'_o = +1, u_o = −2 for one consumer o: the exchange between the twins' outgoing weights.
        int offset = network.ParameterOffset(1);
        Assert.Contains(result.Kernel.Directions, d => d.Lift is { } lift &&
            Enumerable.Range(0, 4).Any(o => d.Parameters.SequenceEqual([offset + o * 5 + 1, offset + o * 5 + 3]) &&
                lift.SequenceEqual([new SmallRational(-2, 1), new SmallRational(1, 1)])));
    }

    [Fact]
    public void A_neuron_without_outgoing_weights_frees_its_incoming_weights()
    {
        var network = PlantedNetworks.WithZeroOutgoing(PlantedNetworks.Generic(), 0, 4);
        var result = Exact(network);
        Assert.Equal(3, result.Deficit); // 3 weights + bias, less its scaling (w, β, 0)
        Assert.Equal(result.Rank, Float(network).Rank);
        var cause = Assert.Single(result.Causes);
        Assert.Equal(DeficitCauseKind.ZeroOutgoing, cause.Kind);
        Assert.Equal([4], cause.Neurons);
        int offset = network.ParameterOffset(0);
        var incoming = Enumerable.Range(offset + 4 * 3, 3).Append(offset + 15 + 4).ToHashSet();
        Assert.Equal(3, result.Kernel.Directions.Count);
        Assert.All(result.Kernel.Directions, d => Assert.All(d.Parameters, p => Assert.Contains(p, incoming)));
    }

    [Fact]
    public void A_neuron_always_active_on_the_batch_trades_its_bias_against_its_consumers_biases()
    {
        var network = PlantedNetworks.WithBias(PlantedNetworks.Generic(), 1, 2, 2);
        var result = Exact(network);
        Assert.Equal(1, result.Deficit);
        Assert.Equal(result.Rank, Float(network).Rank);
        var cause = Assert.Single(result.Causes);
        Assert.Equal(DeficitCauseKind.LinearOnBatch, cause.Kind);
        Assert.Equal(1, cause.Layer);
        Assert.Equal([2], cause.Neurons);
        // β ↦ β + t is undone by b_o ↦ b_o − u_o·t in the output layer.
        var d = Assert.Single(result.Kernel.Directions);
        int bias = network.ParameterOffset(1) + 4 * 5 + 2, outputBiases = network.ParameterOffset(2) + 2 * 4;
        Assert.Contains(bias, d.Parameters);
        Assert.All(d.Parameters, p => Assert.True(p == bias || p == outputBiases || p == outputBiases + 1));
        Assert.Equal([0], d.ExplainedBy);
        Assert.Equal(1, result.Kernel.Explained); // the cause's own vector (δβ = 1, δb_o = −u_o) is that direction
        Assert.Equal(0, result.Kernel.Unexplained);
    }

    [Fact]
    public void A_width_one_chain_collapses_and_the_narrow_layers_are_named()
    {
        // f = 1.5·ReLU(2·ReLU(x₁ + x₂/2 + 1/4) − 1) + 1/10 = 3·ReLU(x₁ + x₂/2 − 1/4) + 1/10: a single ridge,
        // so moving (β₀, β₁) by (t, −2t) changes nothing — a hidden symmetry of the narrow architecture,
        // with no dead, rarely active or linear neuron to blame.
        var network = Network.Sequential(2,
        [
            ([1.0, 0.5], [0.25], new ReluActivation()),
            ([2.0], [-1.0], new ReluActivation()),
            ([1.5], [0.1], new IdentityActivation()),
        ]);
        var x = TestNetworks.GaussianInputs(40, 2, 5);
        var result = FunctionalDimension.Compute(network, x, LinearAlgebraBackends.Default);
        Assert.Equal(1, result.Deficit);
        Assert.Equal(result.Rank, FunctionalDimension.Compute(network, x, LinearAlgebraBackends.Default, new FunctionalDimensionOptions { Method = RankMethod.Float }).Rank);
        Assert.Equal([DeficitCauseKind.NarrowLayer, DeficitCauseKind.NarrowLayer], result.Causes.Select(c => c.Kind));
        var d = Assert.Single(result.Kernel.Directions);
        Assert.Equal([2, 4], d.Parameters); // layer 0 bias [0], layer 1 bias [0]
        Assert.Equal([new SmallRational(-1, 2), new SmallRational(1, 1)], d.Lift!);
        Assert.Equal(["layer 0 bias [0]", "layer 1 bias [0]"], d.Parameters.Select(network.DescribeParameter));
    }

    [Fact]
    public void The_exported_relu_fixtures_deficit_is_a_weight_between_two_neurons_never_on_together()
    {
        // relu_4_8_6_2 (a real PyTorch export) falls short of its bound on Gaussian batches: neuron 3 of
        // layer 1 reaches the output only where neuron 0 of layer 0 is off, so the weight between them
        // has a zero column in J. Which weights are silent depends on the batch (some batches also
        // silence weight [3,2], a few none): this one shows exactly the one PyTorch's batch showed.
        var network = ModelFiles.Read(Path.Combine(AppContext.BaseDirectory, "Fixtures", "onnx", "relu_4_8_6_2.onnx"), null);
        var result = FunctionalDimension.Compute(network, InputSampler.Gaussian(4).Draw(3000, 5), LinearAlgebraBackends.Default);
        Assert.Equal(1, result.Deficit);
        var cause = Assert.Single(result.Causes);
        Assert.Equal(DeficitCauseKind.SilentWeight, cause.Kind);
        Assert.Equal(1, cause.Layer);
        Assert.Equal([3], cause.Neurons);
        Assert.Equal(0, cause.Column);
        Assert.Equal(new Neuron(0, 0), cause.Source);
        var d = Assert.Single(result.Kernel.Directions);
        Assert.Equal(["layer 1 weight [3,0]"], d.Parameters.Select(network.DescribeParameter));
        Assert.Equal([new SmallRational(1, 1)], d.Lift!);
        Assert.Equal([new(0, 0), new(1, 3)], d.Neurons);
        Assert.Equal([0], d.ExplainedBy);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void Hidden_directions_and_symmetry_tangents_are_in_the_kernel_mod_p(int plant)
    {
        var generic = PlantedNetworks.Generic();
        var network = plant switch
        {
            0 => PlantedNetworks.WithBias(generic, 1, 2, -100),
            1 => PlantedNetworks.WithTwin(generic, 1, 0, 2, 0.5),
            _ => PlantedNetworks.WithBias(generic, 0, 3, 2),
        };
        var result = Exact(network);
        Assert.True(result.Deficit > 0);
        var field = new PrimeField(result.Kernel.Prime!.Value);
        var j = ModularParameterJacobian.Compute(network, Batch, field, null, LinearAlgebraBackends.Default);
        var vectors = result.Kernel.Directions.Select(d =>
        {
            var v = new double[network.ParameterCount];
            for (int e = 0; e < d.Parameters.Count; e++) v[d.Parameters[e]] = d.Residues[e];
            return v;
        }).ToList();
        var tangents = SymmetryTangents.Compute(network, field);
        for (int t = 0; t < tangents.Rows; t++) vectors.Add(tangents.Row(t).ToArray());
        foreach (var v in vectors)
            for (int r = 0; r < j.Rows; r++)
            {
                long sum = 0;
                for (int c = 0; c < v.Length; c++) sum = (sum + field.Multiply((long)j[r, c], (long)v[c])) % field.P;
                Assert.Equal(0, sum);
            }
        Assert.Equal(result.Deficit, result.Kernel.KernelDimension - result.Kernel.TangentRank);
    }
}
