namespace NetSym.Identifiability;

/// <summary>What checking one condition on a nonlinearity gave.</summary>
public enum ConditionOutcome
{
    /// <summary>The condition holds (exactly, or on the stated grid to the stated tolerance).</summary>
    Holds,

    /// <summary>The condition fails, with the reason in the condition's detail.</summary>
    Fails,

    /// <summary>The condition could not be decided (the detail says why).</summary>
    Undecided,
}
