using System.CommandLine;
using NetSym.Cli.Rendering;
using NetSym.Networks;

namespace NetSym.Cli.Commands;

/// <summary>
/// <c>netsym symmetries ACTIVATION</c>: the affine symmetry group of a nonlinearity — every
/// (a, b, c, d) with ρ(a·x + b) = c·ρ(x) + d — and its shape.
/// </summary>
internal static class SymmetriesCommand
{
    public static Command Create(CliOptions options, CliEnvironment environment)
    {
        var activation = new Argument<Activation?>("ACTIVATION")
        {
            Description = "An activation name, e.g. relu, tanh, sigmoid, leaky_relu(0.1)",
            CustomParser = CliOptions.ParseActivation,
        };
        var command = new Command("symmetries", "The affine symmetry group of a nonlinearity: ρ(a·x + b) = c·ρ(x) + d")
        {
            activation,
        };
        command.SetAction(parse =>
        {
            var invocation = new Invocation(parse, options, environment);
            var rho = parse.GetValue(activation)!;
            var group = rho.Symmetries;
            // elu(0) is relu and is read as relu: say so, rather than answer for a name the user did not type.
            string given = parse.GetResult(activation)!.Tokens[^1].Value.Trim();
            bool special = ActivationCatalog.IsSpecialCase(given);
            invocation.Write(new Report(
            [
                new ReportSection(null, special ? $"Symmetries of {given} = {rho.Spec}" : $"Symmetries of {rho.Spec}")
                {
                    Facts =
                    [
                        .. special ? [new Fact("given", "Given", given, $"equals {rho.Spec}, so it is read as {rho.Spec}")] : Array.Empty<Fact>(),
                        new("activation", "Activation", rho.Spec),
                        new("discrete_order", "Discrete order", group.DiscreteOrder, "components of the group, identity included"),
                        new("continuous_dimension", "Continuous dimension", group.ContinuousDimension),
                        new("piecewise_linear", "Piecewise linear", rho.IsPiecewiseLinear,
                            rho.Pieces is { } p ? $"breakpoints [{string.Join(", ", p.Breakpoints)}], slopes [{string.Join(", ", p.Slopes)}]" : "smooth"),
                    ],
                    Tables =
                    [
                        new ReportTable("elements", "Elements",
                            [new("kind", "kind"), new("element", "element (a, b, c, d)"), new("dimension", "dimension")],
                            [
                                [(ReportValue)"identity", AffineSymmetry.Identity.ToString(), 0],
                                .. group.Discrete.Select(s => (IReadOnlyList<ReportValue>)["discrete", s.ToString(), 0]),
                                .. group.Continuous.Select(f => (IReadOnlyList<ReportValue>)["family", f.Description, f.Dimension]),
                            ])
                        {
                            Caption = "every listed element and samples of every family are checked in the test suite on a grid to 1e-12",
                        },
                    ],
                    Method = "exact: from the activation catalog (Vlačić & Bölcskei 2021); the network's group is derived from these",
                },
            ]));
            return ExitCodes.Success;
        });
        return command;
    }
}
