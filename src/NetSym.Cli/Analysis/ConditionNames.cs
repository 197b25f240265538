using NetSym.Identifiability;

namespace NetSym.Cli.Analysis;

/// <summary>The stable names of the identifiability checks, as reports and JSON spell them (docs/cli.md).</summary>
internal static class ConditionNames
{
    /// <summary>The name of <paramref name="kind"/>, e.g. "C_S" for <see cref="IdentifiabilityConditionKind.Sufficient"/>.</summary>
    public static string Of(IdentifiabilityConditionKind kind) => kind switch
    {
        IdentifiabilityConditionKind.NonzeroNeurons => "nonzero_neurons",
        IdentifiabilityConditionKind.NoBoundarySamples => "no_boundary_samples",
        IdentifiabilityConditionKind.Sufficient => "C_S",
        IdentifiabilityConditionKind.Necessary => "C_N",
        IdentifiabilityConditionKind.NoRedundantNeurons => "no_redundant_neurons",
        IdentifiabilityConditionKind.NeuronsActive => "neurons_active",
        IdentifiabilityConditionKind.SampleDeterminesPhi => "sg_sample_determines_phi",
        IdentifiabilityConditionKind.PhiLocallyInjective => "sg_phi_locally_injective",
        IdentifiabilityConditionKind.StockGribonvalSufficient => "sg_sufficient",
        IdentifiabilityConditionKind.ShallowNonzero => "shallow_nonzero",
        IdentifiabilityConditionKind.ShallowHyperplanesMeetDomain => "shallow_hyperplanes_meet_domain",
        IdentifiabilityConditionKind.ShallowDistinctHyperplanes => "shallow_distinct_hyperplanes",
        IdentifiabilityConditionKind.ShallowNoCancellingSubset => "shallow_no_cancelling_subset",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
