namespace NetSym.IO;

/// <summary>The kinds of <see cref="ModelFileException"/> that call for a specific remedy.</summary>
public enum ModelFileReason
{
    /// <summary>The file is missing, malformed or cannot be written: the message says what is wrong.</summary>
    Unreadable,

    /// <summary>The format stores no activations (a safetensors state_dict): the hidden activation must be given.</summary>
    ActivationRequired,

    /// <summary>A results file to be created exists already: resume it, or choose another file.</summary>
    ExistsAlready,
}
