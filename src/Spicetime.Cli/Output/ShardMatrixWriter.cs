using Spicetime.Cli.Commands;
using Spicetime.Tree.Json;
using Spicetime.Tree.Sharding;

namespace Spicetime.Cli.Output;

/// <summary>
/// <c>affected --format github-matrix --shards N</c>: one matrix entry a shard, on one line,
/// <c>{"include":[{"shard":1,"name":"1 of 2","projects":[…],"list":"a/A.csproj;b/B.csproj","count":2,"weight":5400,"weightUnit":"ms","branches":[…]}]}</c>.
/// <c>list</c> is the shard's projects as an MSBuild item list: set it as the environment variable
/// <c>SpicetimeAffectedProjects</c> and <c>dotnet build affected.proj</c> (the <c>traversal</c> format) builds exactly
/// those projects. Nothing affected: <c>{"include":[]}</c>, as without shards.
/// </summary>
public static class ShardMatrixWriter
{
    public static string Write(ShardPlan plan) => JsonText.Write(json =>
    {
        json.WriteStartObject();
        json.WriteStartArray("include");
        foreach (var shard in plan.Shards)
        {
            json.WriteStartObject();
            json.WriteNumber("shard", shard.Index);
            json.WriteString("name", $"{shard.Index} of {plan.Shards.Count}");
            json.WriteStartArray("projects");
            foreach (var project in shard.Projects)
            {
                json.WriteStringValue(project.Path);
            }

            json.WriteEndArray();
            json.WriteString("list", string.Join(";", shard.Projects.Select(p => p.Path)));
            json.WriteNumber("count", shard.Projects.Count);
            json.WriteNumber("weight", shard.Weight);
            json.WriteString("weightUnit", plan.Unit == WeightUnit.Milliseconds ? "ms" : "bytes");
            json.WriteStartArray("branches");
            foreach (var branch in shard.Branches)
            {
                json.WriteStringValue(branch);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }, indented: false);
}
