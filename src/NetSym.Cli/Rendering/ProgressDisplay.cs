using Spectre.Console;

namespace NetSym.Cli.Rendering;

/// <summary>
/// Runs a sequence of named steps, showing a progress bar while they run only when it is
/// <paramref name="visible"/> (stdout a terminal and no --json), so that piped output stays clean.
/// </summary>
internal static class ProgressDisplay
{
    /// <summary>Runs the steps in order and returns their results.</summary>
    public static IReadOnlyList<T> Run<T>(IAnsiConsole console, bool visible, IReadOnlyList<(string Description, Func<T> Work)> steps)
    {
        if (!visible) return [.. steps.Select(s => s.Work())];
        return console.Progress().AutoClear(true).Start(context =>
        {
            var tasks = steps.Select(s => context.AddTask(Markup.Escape(s.Description), autoStart: false, maxValue: 1)).ToList();
            var results = new List<T>(steps.Count);
            for (int i = 0; i < steps.Count; i++)
            {
                tasks[i].StartTask();
                results.Add(steps[i].Work());
                tasks[i].Increment(1);
                tasks[i].StopTask();
            }
            return results;
        });
    }
}
