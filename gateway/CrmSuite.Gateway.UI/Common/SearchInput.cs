namespace CrmSuite.Gateway.UI.Common;

/// <summary>What a <see cref="SearchBox"/> asks its page to search for, and when to give up on it.</summary>
public readonly record struct SearchInput(string Query, CancellationToken CancellationToken);
