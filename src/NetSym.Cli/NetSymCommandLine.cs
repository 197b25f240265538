using System.CommandLine;
using NetSym.Cli.Commands;

namespace NetSym.Cli;

/// <summary>The command tree of netsym.</summary>
internal static class NetSymCommandLine
{
    /// <summary>Builds the root command with every subcommand, writing to <paramref name="environment"/>.</summary>
    public static RootCommand Create(CliEnvironment environment)
    {
        var options = new CliOptions();
        var root = new RootCommand("netsym: symmetries, reduction and identifiability of feed-forward neural networks")
        {
            options.Json,
            options.Seed,
            options.MaxMemory,
            AnalyzeCommand.Create(options, environment),
            InfoCommand.Create(options, environment),
            EvalCommand.Create(options, environment),
            ConvertCommand.Create(options, environment),
            RandomCommand.Create(options, environment),
            SymmetriesCommand.Create(options, environment),
            ZeroSearchCommand.Create(options, environment),
            CountCommand.Create(options, environment),
            OrbitCommand.Create(options, environment),
            ReduceCommand.Create(options, environment),
            CanonCommand.Create(options, environment),
            FiberCommand.Create(options, environment),
            EquivCommand.Create(options, environment),
            AlignCommand.Create(options, environment),
            FdimCommand.Create(options, environment),
            SweepCommand.Create(options, environment),
            EmbedCommand.Create(options, environment),
            IdentifiableCommand.Create(options, environment),
            ExtractCommand.Create(options, environment),
        };
        CorrectedHelpAction.Install(root);
        return root;
    }
}
