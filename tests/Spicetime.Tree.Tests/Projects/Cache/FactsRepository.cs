using Spicetime.Tests.Fixtures;
using Spicetime.Tree.Paths;
using Spicetime.Tree.Projects;
using Spicetime.Tree.Projects.Cache;

namespace Spicetime.Tree.Tests.Projects.Cache;

/// <summary>
/// A folder of projects on disk (no git) whose evaluation reads every kind of input the reader takes: the project
/// files, an import and a Directory.Build.props, an Exists() probe, a GetDirectoryNameOfFileAbove search, an
/// environment variable and a wildcard import. Reads it with and without a facts cache.
/// </summary>
internal sealed class FactsRepository : IDisposable
{
    /// <param name="settled">
    /// Every file written is given a time of writing in the past (an hour ago, a second later with each writing, as a
    /// clock would), so that its stamp is recorded and trusted (<see cref="FileStamp"/>); otherwise files are as just written.
    /// </param>
    public FactsRepository(bool settled = false)
    {
        _clock = settled ? DateTime.UtcNow.AddHours(-1) : null;
        Root = Directory.CreateTempSubdirectory("spicetime-facts-").FullName;
        Cache = new FactsCache(Root, Path.Combine(Root, ".cache", "facts.bin"));
        Write("Directory.Build.props", """
            <Project>
              <Import Project="eng/common.props" />
              <Import Project="eng/*.targets" />
              <Import Project="$(MSBuildThisFileDirectory)local.props" Condition="Exists('$(MSBuildThisFileDirectory)local.props')" />
              <PropertyGroup>
                <SolutionRoot>$([MSBuild]::GetDirectoryNameOfFileAbove($(MSBuildProjectDirectory), 'X.slnx'))</SolutionRoot>
                <Flavor Condition="'$(FLAVOR_FROM_ENV)' != ''">$(FLAVOR_FROM_ENV)</Flavor>
              </PropertyGroup>
            </Project>
            """);
        Write("eng/common.props", "<Project><PropertyGroup><Shared>Lib</Shared></PropertyGroup></Project>");
        Write("eng/a.targets", "<Project><PropertyGroup><FromA>a</FromA></PropertyGroup></Project>");
        Write("src/Lib/Lib.csproj", """<Project Sdk="Microsoft.NET.Sdk"><PropertyGroup><AssemblyOriginatorKeyFile>key.snk</AssemblyOriginatorKeyFile></PropertyGroup></Project>""");
        Write("src/App/App.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <ItemGroup>
                <ProjectReference Include="../$(Shared)/$(Shared).csproj" />
                <ProjectReference Include="../$(Flavor)/$(Flavor).csproj" Condition="'$(Flavor)' != ''" />
                <ProjectReference Include="$(SolutionRoot)/tools/Tool.csproj" Condition="'$(SolutionRoot)' != ''" />
                <Compile Include="../../shared/**/*.cs" />
                <None Include="$(FromB)readme.md" Condition="'$(FromB)' != ''" />
              </ItemGroup>
            </Project>
            """);
        Write("src/Other/Other.fsproj", """<Project Sdk="Microsoft.NET.Sdk"><PropertyGroup><Other>$(TargetFramework)</Other></PropertyGroup><ItemGroup><ProjectReference Include="../$(Other)/X.csproj" /></ItemGroup></Project>""");
    }

    private DateTime? _clock;

    public string Root { get; }

    public FactsCache Cache { get; }

    public Dictionary<string, string> Environment { get; } = new(StringComparer.OrdinalIgnoreCase);

    public static readonly string[] Projects = { "src/App/App.csproj", "src/Lib/Lib.csproj", "src/Other/Other.fsproj" };

    public FactsRepository Write(string path, string content)
    {
        var full = Path.Combine(Root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
        if (_clock is { } clock)
        {
            File.SetLastWriteTimeUtc(full, clock);
            _clock = clock.AddSeconds(1);
        }

        return this;
    }

    public void Delete(string path) => File.Delete(Path.Combine(Root, path));

    public bool Exists(string path) => File.Exists(Path.Combine(Root, path));

    /// <summary>A reader as a run makes one: the build files listed now, the environment as it is now.</summary>
    public ProjectReader NewReader()
    {
        var files = Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories)
            .Select(f => RepositoryPath.Relative(Root, f))
            .Where(f => !f.StartsWith(".cache/", StringComparison.Ordinal))
            .Where(f => f.EndsWith(".props", StringComparison.Ordinal) || f.EndsWith(".targets", StringComparison.Ordinal))
            .OrderBy(f => f, StringComparer.Ordinal)
            .ToList();
        return new ProjectReader(Root, files, new Dictionary<string, string>(Environment, StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>Every project without a cache: the answer the cached reader must give.</summary>
    public IReadOnlyList<string> Uncached() => Projects.Select(p => FactsDump.Of(NewReader().Read(p))).ToList();

    /// <summary>Every project through the cache, in parallel as the scanner reads; the run is returned for its counters.</summary>
    public (IReadOnlyList<string> Dumps, FactsCacheRun Run, ProjectReader Reader) Cached(FactsCache? cache = null)
    {
        var reader = NewReader();
        var run = (cache ?? Cache).Open(reader);
        var read = new ProjectInfo?[Projects.Length];
        Parallel.For(0, Projects.Length, i => read[i] = run.Read(Projects[i]));
        run.Save();
        return (read.Select(FactsDump.Of).ToList(), run, reader);
    }

    public void Dispose() => Directory.Delete(Root, true);
}
