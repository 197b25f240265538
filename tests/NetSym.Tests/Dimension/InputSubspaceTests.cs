using NetSym.Dimension;
using NetSym.IO;
using NetSym.LinearAlgebra;
using NetSym.Networks;

namespace NetSym.Tests.Dimension;

/// <summary>
/// The input-subspace cause: a layer whose input spans an affine subspace of dimension r on the batch
/// loses width × (fan-in − r) directions, and the cause says so; checked against the exact rank and
/// against J·v = 0 for the vectors the cause names.
/// </summary>
public class InputSubspaceTests
{
    private static FunctionalDimensionResult Exact(Network network, Matrix inputs) =>
        FunctionalDimension.Compute(network, inputs, LinearAlgebraBackends.Default, new FunctionalDimensionOptions { Method = RankMethod.Exact, Seed = 3 });

    /// <summary>
    /// A Gaussian batch with x₀ rounded to multiples of 1/64 and coordinate 2 replaced by a · x₀ + c
    /// (a = 0: a constant pixel), so that the relation holds exactly in floating point.
    /// </summary>
    private static Matrix Planted(double a, double c, int count = 60)
    {
        var x = TestNetworks.GaussianInputs(count, 3, 11);
        for (int i = 0; i < x.Rows; i++)
        {
            x[i, 0] = Math.Round(x[i, 0] * 64) / 64;
            x[i, 2] = a * x[i, 0] + c;
        }
        return x;
    }

    [Theory]
    [InlineData(0.0, 0.5)] // a constant coordinate
    [InlineData(-1.0, 0.5)] // an affine, not linear, relation: the bias column is what makes it cost a direction
    public void An_input_coordinate_fixed_by_the_others_costs_each_first_layer_neuron_exactly_one_direction(double a, double c)
    {
        var network = PlantedNetworks.Generic(); // 3-5-4-2, no deficit on a full Gaussian batch
        var result = Exact(network, Planted(a, c, 200));
        Assert.True(result.Deficit == 5 * 1, string.Join("; ", result.Causes.Select(c => $"{c.Kind} {c.Layer} [{string.Join(",", c.Neurons)}]")) + $" deficit {result.Deficit}");
        var cause = Assert.Single(result.Causes);
        Assert.Equal(DeficitCauseKind.InputSubspace, cause.Kind);
        Assert.Equal(0, cause.Layer);
        Assert.Equal(2, cause.SpanDimension);
        Assert.Equal(1, cause.MissingDirections);
        Assert.Equal(result.Deficit, network.Layers[0].OutputSize * cause.MissingDirections);
        Assert.Equal(result.Deficit, result.Kernel.Explained);
        Assert.Equal(0, result.Kernel.Unexplained);
        // Every hidden direction moves only first-layer weights on coordinates 0 and 2 and first-layer biases:
        // δw·x + δβ = 0 on the plane x₂ = a·x₀ + c.
        int offset = network.ParameterOffset(0), biases = offset + 5 * 3;
        Assert.All(result.Kernel.Directions, d => Assert.All(d.Parameters, p =>
            Assert.True(p >= biases ? p < biases + 5 : (p - offset) % 3 != 1, network.DescribeParameter(p))));
    }

    [Fact]
    public void A_full_batch_and_a_dead_neurons_own_column_give_no_input_subspace_cause()
    {
        var x = TestNetworks.GaussianInputs(60, 3, 11);
        Assert.DoesNotContain(Exact(PlantedNetworks.Generic(), x).Causes, c => c.Kind == DeficitCauseKind.InputSubspace);
        // The dead neuron's constant output makes layer 1's input span 4 of 5 columns; that column is the dead neuron's cause.
        var dead = Exact(PlantedNetworks.WithBias(PlantedNetworks.Generic(), 0, 0, -100), x);
        Assert.DoesNotContain(dead.Causes, c => c.Kind == DeficitCauseKind.InputSubspace);
        Assert.Contains(dead.Causes, c => c.Kind == DeficitCauseKind.DeadOnBatch);
        // Its incoming weights, bias and outgoing weights (each with the consumer's bias) explain the whole deficit.
        Assert.Equal(7, dead.Deficit);
        Assert.Equal(dead.Deficit, dead.Kernel.Explained);
    }

    [Fact]
    public void Always_active_neurons_more_than_the_input_dimension_make_the_next_layers_input_span_too_little()
    {
        // Five first-layer neurons with large positive biases are affine in the 3-dimensional input on
        // the batch: their outputs span an affine subspace of dimension 3, so layer 1 misses 2 of 5 columns.
        var network = PlantedNetworks.Generic();
        for (int j = 0; j < 5; j++) network = PlantedNetworks.WithBias(network, 0, j, 100);
        var result = Exact(network, TestNetworks.GaussianInputs(60, 3, 11));
        var cause = Assert.Single(result.Causes, c => c.Kind == DeficitCauseKind.InputSubspace);
        Assert.Equal(1, cause.Layer);
        Assert.Equal(3, cause.SpanDimension);
        Assert.Equal(2, cause.MissingDirections);
        Assert.Contains(result.Causes, c => c.Kind == DeficitCauseKind.LinearOnBatch);
        Assert.True(network.Layers[1].OutputSize * 2 <= result.Deficit);
        Assert.InRange(result.Kernel.Explained, 0, result.Deficit);
        Assert.Equal(result.Deficit, result.Kernel.Explained + result.Kernel.Unexplained);
    }

    [Fact]
    public void On_the_trained_digits_fixture_the_constant_pixels_are_the_first_layers_missing_directions_and_lie_in_the_kernel()
    {
        string dir = Path.Combine(AppContext.BaseDirectory, "Fixtures", "trained");
        var network = ModelFiles.Read(Path.Combine(dir, "digits_16_16.json"));
        var x = CsvMatrix.Read(Path.Combine(dir, "digits_16_16_train.csv"), 64);
        var result = Exact(network, x);
        var constant = Enumerable.Range(0, 64).Where(k => Enumerable.Range(0, x.Rows).All(i => x[i, k] == x[0, k])).ToArray();
        Assert.NotEmpty(constant);

        var cause = Assert.Single(result.Causes, c => c.Kind == DeficitCauseKind.InputSubspace && c.Layer == 0);
        Assert.True(cause.MissingDirections >= constant.Length);
        Assert.True(16 * cause.MissingDirections <= result.Deficit, "the cause's directions are kernel directions beyond the symmetries");
        // Accounting: counted once, inside the deficit; the first-layer neurons that are not dead contribute
        // their missing directions on distinct weights, so at least that many are explained.
        int deadFirst = result.Causes.Where(c => c.Kind == DeficitCauseKind.DeadOnBatch && c.Layer == 0).Sum(c => c.Neurons.Count);
        Assert.Equal(result.Deficit, result.Kernel.Directions.Count);
        Assert.Equal(result.Deficit, result.Kernel.Explained + result.Kernel.Unexplained);
        Assert.InRange(result.Kernel.Explained, (16 - deadFirst) * cause.MissingDirections!.Value, result.Deficit);

        // Independently: for every first-layer neuron j and constant pixel k, (δw_jk = 1, δβ_j = −x_k) is in ker J.
        var j = ParameterJacobian.Compute(network, x, LinearAlgebraBackends.Default);
        int offset = network.ParameterOffset(0), biases = offset + 16 * 64;
        double scale = Enumerable.Range(0, j.Rows).Max(r => Enumerable.Range(0, j.Columns).Max(p => Math.Abs(j[r, p])));
        foreach (int neuron in new[] { 1, 9 })
            foreach (int k in constant)
                for (int r = 0; r < j.Rows; r++)
                    Assert.True(Math.Abs(j[r, offset + neuron * 64 + k] - x[0, k] * j[r, biases + neuron]) <= 1e-12 * scale);
    }
}
