namespace NetSym.Networks;

/// <summary>A network that cannot be built: shapes that do not fit, a non-finite weight (with its location), no layers.</summary>
public sealed class InvalidNetworkException(string message) : Exception(message);
