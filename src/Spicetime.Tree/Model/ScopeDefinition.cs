using Spicetime.Tree.Diagnostics;

namespace Spicetime.Tree.Model;

/// <summary>A scope defined under the top-level <c>scopes</c> object.</summary>
public sealed record ScopeDefinition(string Name, SourcePosition Position, ScopeContent Content);
