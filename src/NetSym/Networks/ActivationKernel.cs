using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NetSym.Networks;

/// <summary>
/// The element-wise loops over spans, generic over an <see cref="IActivationOperator"/> so the JIT
/// compiles one specialised loop per operator: whole <see cref="Vector256{T}"/> blocks, then a scalar
/// tail. The operator's contract (vector lanes equal the scalar path) makes the result independent of
/// where the blocks fall.
/// </summary>
internal static class ActivationKernel
{
    /// <summary>values[i] ← ρ(values[i]).</summary>
    public static void Apply<TOp>(in TOp op, Span<double> values) where TOp : struct, IActivationOperator
    {
        ref double x = ref MemoryMarshal.GetReference(values);
        int n = values.Length, i = 0;
        for (; i <= n - Vector256<double>.Count; i += Vector256<double>.Count)
            op.Value(Vector256.LoadUnsafe(ref x, (nuint)i)).StoreUnsafe(ref x, (nuint)i);
        for (; i < n; i++) Unsafe.Add(ref x, i) = op.Value(Unsafe.Add(ref x, i));
    }

    /// <summary>destination[i] ← ρ'(pre[i]).</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than <paramref name="pre"/>.</exception>
    public static void Derivative<TOp>(in TOp op, ReadOnlySpan<double> pre, Span<double> destination) where TOp : struct, IActivationOperator
    {
        if (destination.Length < pre.Length) throw new ArgumentException("destination is shorter than the input", nameof(destination));
        ref double x = ref MemoryMarshal.GetReference(pre);
        ref double d = ref MemoryMarshal.GetReference(destination);
        int n = pre.Length, i = 0;
        for (; i <= n - Vector256<double>.Count; i += Vector256<double>.Count)
            op.Derivative(Vector256.LoadUnsafe(ref x, (nuint)i)).StoreUnsafe(ref d, (nuint)i);
        for (; i < n; i++) Unsafe.Add(ref d, i) = op.Derivative(Unsafe.Add(ref x, i));
    }

    /// <summary>
    /// A vector path for an operator whose scalar path has no vector equivalent with the same bits
    /// (it calls the platform's exp or log): the scalar path lane by lane.
    /// </summary>
    public static Vector256<double> Lanes<TOp>(in TOp op, Vector256<double> x, bool derivative) where TOp : struct, IActivationOperator =>
        derivative
            ? Vector256.Create(op.Derivative(x[0]), op.Derivative(x[1]), op.Derivative(x[2]), op.Derivative(x[3]))
            : Vector256.Create(op.Value(x[0]), op.Value(x[1]), op.Value(x[2]), op.Value(x[3]));
}
