namespace NetSym.Identifiability;

/// <summary>What the conditions prove about local identifiability from a sample set.</summary>
public enum IdentifiabilityVerdict
{
    /// <summary>Locally identifiable from X: near θ, every θ′ with f_θ′(X) = f_θ(X) is a positive rescaling of θ.</summary>
    Identifiable,

    /// <summary>Not locally identifiable from X: parameters arbitrarily close to θ, not rescalings of it, agree with θ on X.</summary>
    NotIdentifiable,

    /// <summary>No condition decides: the sufficient one fails, the necessary one holds, or the hypotheses of the theorems do not.</summary>
    Undetermined,
}
