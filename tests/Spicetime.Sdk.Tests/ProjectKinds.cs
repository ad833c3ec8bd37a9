using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Spicetime.Sdk.Tests;

/// <summary>
/// A consumer repository whose fork (feature-b, at forks/b) holds a project of every kind real services are made of,
/// each compiling only with what its fork inherits (Humanizer.Core from scope core). Built as a user would, in one of the
/// forms of docs/project-kinds.md.
/// </summary>
public static class ProjectKinds
{
    public const string TreeJson = """
        {
          "scopes": {
            "core": { "packages": { "Humanizer.Core": "2.14.1" }, "properties": { "SpicetimeKindMarker": "core" } }
          },
          "root": {
            "branch": "release", "version": "3.1.0", "scopes": ["core"],
            "children": [ { "branch": "feature-b", "path": "forks/b" } ]
          }
        }
        """;

    /// <summary>
    /// global.json: Spicetime.Sdk and the SDKs that come from packages, at versions the registry serves; dotnet test on
    /// Microsoft.Testing.Platform, as MSTest.Sdk asks on the .NET 10 SDK.
    /// </summary>
    public static string GlobalJson => $$"""
        {
          "msbuild-sdks": { "Spicetime.Sdk": "{{SdkPackage.Version}}", "MSTest.Sdk": "4.5.2", "Aspire.AppHost.Sdk": "13.6.4", "Microsoft.Build.NoTargets": "3.7.0" },
          "test": { "runner": "Microsoft.Testing.Platform" }
        }
        """;

    /// <summary>One project of a kind: its folder under forks/b, its SDK, and whether it builds an assembly.</summary>
    public sealed record Kind(string Name, string Sdk, bool BuildsAssembly = true)
    {
        public string Path => $"forks/b/{Name}/{Name}.csproj";

        public string Assembly => $"forks/b/{Name}/bin/Debug/net10.0/{Name}.dll";

        public override string ToString() => Sdk;
    }

    public static readonly Kind Web = new("Web", "Microsoft.NET.Sdk.Web");
    public static readonly Kind Razor = new("Ui", "Microsoft.NET.Sdk.Razor");
    public static readonly Kind Worker = new("Worker", "Microsoft.NET.Sdk.Worker");
    public static readonly Kind Wasm = new("Wasm", "Microsoft.NET.Sdk.BlazorWebAssembly");
    public static readonly Kind MSTest = new("Tests", "MSTest.Sdk");
    public static readonly Kind AppHost = new("Host", "Aspire.AppHost.Sdk");
    public static readonly Kind NoTargets = new("Docs", "Microsoft.Build.NoTargets", BuildsAssembly: false);

    public static IReadOnlyList<Kind> All { get; } = new[] { Web, Razor, Worker, Wasm, MSTest, AppHost, NoTargets };

    /// <summary>How a project names Spicetime.Sdk beside its own SDK.</summary>
    public enum Form
    {
        /// <summary>Beside the project's SDK: Sdk="Other;Spicetime.Sdk" for Web and BlazorWebAssembly, &lt;Sdk Name="Spicetime.Sdk" /&gt; for the others.</summary>
        BesideItsSdk,

        /// <summary>Nothing in the project: Directory.Build.props and .targets import Spicetime.Sdk.</summary>
        NoProjectEdits,
    }

    public static ConsumerRepo Create(string name, Form form)
    {
        var repo = new ConsumerRepo(name).Write("tree.json", TreeJson).Write("global.json", GlobalJson);
        if (form == Form.NoProjectEdits)
        {
            repo.Write("Directory.Build.props", """
                <Project>
                  <Import Project="Sdk.props" Sdk="Spicetime.Sdk" />
                </Project>
                """);
            repo.Write("Directory.Build.targets", """
                <Project>
                  <Import Project="Sdk.targets" Sdk="Spicetime.Sdk" />
                </Project>
                """);
        }

        foreach (var kind in All)
        {
            var sdk = form == Form.BesideItsSdk && (kind == Web || kind == Wasm) ? $"{kind.Sdk};Spicetime.Sdk" : kind.Sdk;
            var element = form == Form.NoProjectEdits || sdk.Contains(';', StringComparison.Ordinal) ? "" : """<Sdk Name="Spicetime.Sdk" />""";
            repo.Write(kind.Path, $"""
                <Project Sdk="{sdk}">
                  {element}
                  <PropertyGroup>
                    <TargetFramework>net10.0</TargetFramework>
                    <ImplicitUsings>enable</ImplicitUsings>
                    {(kind == AppHost ? "<OutputType>Exe</OutputType>" : "")}
                    {(kind == Web ? "<IsPackable>true</IsPackable>" : "")}
                  </PropertyGroup>
                  {Items(kind)}
                </Project>
                """);
        }

        repo.Write("forks/b/Web/Program.cs", """
            using Humanizer;
            var app = WebApplication.CreateBuilder(args).Build();
            app.MapGet("/", () => "hello_from_the_fork".Humanize());
            app.Run();
            public partial class Program { }
            """);
        repo.Write("forks/b/Ui/Hello.razor", """
            @using Humanizer
            <h1>@Name.Humanize()</h1>
            @code { [Parameter] public string Name { get; set; } = "hello_component"; }
            """);
        repo.Write("forks/b/Ui/wwwroot/ui.css", "h1 { color: rebeccapurple; }\n");
        repo.Write("forks/b/Worker/Program.cs", """
            using Humanizer;
            var host = Host.CreateApplicationBuilder(args).Build();
            Console.WriteLine("worker_started".Humanize());
            """);
        repo.Write("forks/b/Wasm/Program.cs", """
            using Microsoft.AspNetCore.Components.WebAssembly.Hosting;
            var builder = WebAssemblyHostBuilder.CreateDefault(args);
            await builder.Build().RunAsync();
            """);
        repo.Write("forks/b/Wasm/App.razor", """
            @using Humanizer
            <p>@("wasm_app".Humanize())</p>
            """);
        repo.Write("forks/b/Tests/FormatTests.cs", """
            using Humanizer;
            using Microsoft.VisualStudio.TestTools.UnitTesting;
            namespace Tests;
            [TestClass]
            public sealed class FormatTests
            {
                [TestMethod]
                public void Humanizes() => Assert.AreEqual("hello from the fork", "hello_from_the_fork".Humanize());
            }
            """);
        repo.Write("forks/b/Host/Program.cs", """
            var builder = DistributedApplication.CreateBuilder(args);
            builder.AddProject<Projects.Web>("web");
            builder.Build().Run();
            """);
        repo.Write("forks/b/Docs/README.md", "Docs built by Microsoft.Build.NoTargets.\n");
        repo.Write("Kinds.slnx", "<Solution>\n" + string.Concat(All.Select(k => $"  <Project Path=\"{k.Path}\" />\n")) + "</Solution>\n");
        repo.InitGit();
        repo.Commit("every kind of project");
        return repo;
    }

    private static string Items(Kind kind) =>
        kind == Worker ? """<ItemGroup><PackageReference Include="Microsoft.Extensions.Hosting" Version="10.0.0" /></ItemGroup>"""
        : kind == Wasm ? """<ItemGroup><PackageReference Include="Microsoft.AspNetCore.Components.WebAssembly" Version="10.0.0" /></ItemGroup>"""
        : kind == Razor ? """<ItemGroup><SupportedPlatform Include="browser" /><FrameworkReference Include="Microsoft.AspNetCore.App" /></ItemGroup>"""
        : kind == AppHost ? """<ItemGroup><ProjectReference Include="../Web/Web.csproj" /></ItemGroup>"""
        : "";

    /// <summary>The assembly's AssemblyInformationalVersion and the names of the types it defines.</summary>
    public static (string InformationalVersion, IReadOnlyList<string> Types) ReadAssembly(string path)
    {
        using var pe = new PEReader(File.OpenRead(path));
        var reader = pe.GetMetadataReader();
        var types = reader.TypeDefinitions.Select(h => reader.GetTypeDefinition(h))
            .Select(t => (reader.GetString(t.Namespace) is { Length: > 0 } ns ? ns + "." : "") + reader.GetString(t.Name)).ToList();
        var informational = string.Empty;
        foreach (var handle in reader.GetAssemblyDefinition().GetCustomAttributes())
        {
            var attribute = reader.GetCustomAttribute(handle);
            if (attribute.Constructor.Kind != HandleKind.MemberReference)
            {
                continue;
            }

            var parent = reader.GetMemberReference((MemberReferenceHandle)attribute.Constructor).Parent;
            if (parent.Kind == HandleKind.TypeReference && reader.GetString(reader.GetTypeReference((TypeReferenceHandle)parent).Name) == "AssemblyInformationalVersionAttribute")
            {
                var blob = reader.GetBlobReader(attribute.Value);
                blob.ReadUInt16(); // prolog
                informational = blob.ReadSerializedString() ?? string.Empty;
            }
        }

        return (informational, types);
    }
}
