namespace NetSym.Networks;

/// <summary>How an activation's computed value relates to the true ρ(x): what an enclosure must widen by.</summary>
public enum ValueRounding
{
    /// <summary>No rounding: clamps, |x|, the identity.</summary>
    Exact,

    /// <summary>One correctly rounded operation (leaky ReLU's α·x): one outward step covers it.</summary>
    RoundedOnce,

    /// <summary>
    /// Built from exp, log and their kin: within 2⁻⁴⁸·(|ρ(x)| + |x|), which covers with a wide margin
    /// their few-ulp error and the cancellations in the stable forms (absolute error a few ulps of max(1, |x|)).
    /// </summary>
    Transcendental,
}
