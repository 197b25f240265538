using NetSym.LinearAlgebra;

namespace NetSym.Tests.IO;

/// <summary>
/// Comparison of NetSym's double-precision outputs with outputs computed in float32 (by PyTorch or
/// ONNX Runtime) from the same float32 weights.
/// </summary>
/// <remarks>
/// Only the reference's float32 arithmetic differs: each of its dot products is exact to within
/// about n·u·Σ|wᵢxᵢ| with unit roundoff u = 2⁻²⁴ ≈ 6e-8, and the fixtures and test networks are
/// at most 16 wide with O(1) weights, so the error is a few u times the size of the values
/// (observed: under 5e-8 on the fixtures, under 7e-7 on the export tests with inputs of scale 3). The
/// random convolutional networks reach fan-ins of a few hundred, but with weights of variance 1/fan-in
/// their values stay O(1) (observed: under 1e-6 over 150 of them, inputs of scale 2).
/// A tolerance of 1e-5·(1 + |y|) leaves a margin of more than ten, yet is far below any real
/// disagreement (a wrong weight, layout or activation parameter moves outputs by 1e-3 or more).
/// </remarks>
internal static class Float32Agreement
{
    public const double Tolerance = 1e-5;

    public static void AssertAgrees(Matrix expected, Matrix actual)
    {
        Assert.Equal(expected.Rows, actual.Rows);
        Assert.Equal(expected.Columns, actual.Columns);
        for (int i = 0; i < expected.Rows; i++)
            for (int j = 0; j < expected.Columns; j++)
            {
                double e = expected[i, j], a = actual[i, j];
                Assert.True(Math.Abs(e - a) <= Tolerance * (1 + Math.Abs(e)),
                    $"output [{i},{j}]: expected {e:R}, got {a:R} (difference {Math.Abs(e - a):E2})");
            }
    }
}
