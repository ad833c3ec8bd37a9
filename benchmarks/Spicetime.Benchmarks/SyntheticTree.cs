using System.Text;

namespace Spicetime.Benchmarks;

/// <summary>
/// Writes a synthetic tree.json: <c>nodes</c> forks in a tree of fan-out <c>fanOut</c>, <c>scopes</c> scope
/// definitions of <c>packagesPerScope</c> packages and a few properties each; every node owns a scope or two,
/// and about a third of them inherit a subset, extend a scope or override a package. Deterministic for a seed.
/// </summary>
public static class SyntheticTree
{
    public static string Generate(int nodes, int scopes = 300, int packagesPerScope = 100, int fanOut = 8, int seed = 42)
    {
        var random = new Random(seed);
        var json = new StringBuilder();
        json.Append("{\"scopes\":{");
        for (var s = 0; s < scopes; s++)
        {
            json.Append(s == 0 ? "" : ",").Append($"\"s{s}\":{{\"packages\":{{");
            for (var p = 0; p < packagesPerScope; p++)
            {
                json.Append(p == 0 ? "" : ",").Append($"\"Pkg.{s}.{p}\":\"{1 + p % 5}.{p % 10}.0\"");
            }

            json.Append($"}},\"properties\":{{\"Prop{s}\":\"v{s}\",\"Shared{s % 7}\":\"x{s % 7}\"}},\"paths\":[\"src/s{s}/**\"]}}");
        }

        json.Append("},\"root\":");
        WriteNode(json, 0, nodes, scopes, packagesPerScope, fanOut, random);
        json.Append('}');
        return json.ToString();
    }

    private static void WriteNode(StringBuilder json, int index, int total, int scopes, int packagesPerScope, int fanOut, Random random)
    {
        json.Append($"{{\"branch\":\"n{index}\",\"scopes\":[\"s{index % scopes}\"");
        if (index % 3 == 0)
        {
            json.Append($",\"s{(index * 7 + 1) % scopes}\"");
        }

        json.Append(']');
        if (index > 0)
        {
            switch (random.Next(6))
            {
                case 0:
                    json.Append(",\"inherits\":[]");
                    break;
                case 1:
                    var parent = (index - 1) / fanOut;
                    json.Append($",\"inherits\":[\"s{parent % scopes}\"]");
                    break;
                case 2:
                    json.Append($",\"extends\":{{\"s{index % scopes}\":{{\"packages\":{{\"Extra.{index}\":\"1.0.0\"}}}}}}");
                    break;
                case 3:
                    var s = index % scopes;
                    json.Append($",\"overrides\":[{{\"packages\":{{\"Pkg.{s}.{index % packagesPerScope}\":\"{1 + index % packagesPerScope % 5}.9.0\"}},\"properties\":{{\"Prop{s}\":\"o{index}\"}}}}]");
                    break;
            }
        }

        var first = index * fanOut + 1;
        if (first < total)
        {
            json.Append(",\"children\":[");
            for (var child = first; child < Math.Min(first + fanOut, total); child++)
            {
                json.Append(child == first ? "" : ",");
                WriteNode(json, child, total, scopes, packagesPerScope, fanOut, random);
            }

            json.Append(']');
        }

        json.Append('}');
    }
}
