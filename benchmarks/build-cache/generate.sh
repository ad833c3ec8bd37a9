#!/usr/bin/env bash
# Writes the build cache benchmark's tree (benchmarks/build-cache/run.sh) into DIR, a git repository with one commit:
# 50 C# projects on Spicetime.Sdk in 5 forks (release and forks/f1..f4), each fork 9 libraries and one NUnit test
# project. Inside a fork, Lib k references Lib k-1, and an even Lib k also Lib k-2; each fork's Lib0 references
# release's Lib2; the fork's Tests reference its Lib8 and Lib4. Project names are unique (Release.Lib3, F2.Tests), so a
# build log names each one. Every library has six files (Api.cs, Impl.cs, Model.cs, Part1-3.cs), each one class ending
# in `}` with a private `Tweak` method, so run.sh can make a body-only edit (Tweak's constant), an API edit (a public
# method added) or a comment edit of any of them. Deterministic.
# Usage: generate.sh DIR SDK_VERSION NUGET_CONFIG_FILE
set -euo pipefail
dir=$1 version=$2 nuget_config=$3
mkdir -p "$dir"
cp "$nuget_config" "$dir/NuGet.config"
printf 'bin/\nobj/\n' > "$dir/.gitignore"
echo "{ \"msbuild-sdks\": { \"Spicetime.Sdk\": \"$version\" } }" > "$dir/global.json"
cat > "$dir/tree.json" <<'JSON'
{
  "scopes": {
    "core":  { "packages": { "Newtonsoft.Json": "13.0.1" }, "properties": { "Nullable": "enable", "ImplicitUsings": "enable" } },
    "infra": { "properties": { "Deterministic": "true", "LangVersion": "latest" } },
    "f1": { "properties": { "TreatWarningsAsErrors": "true" } },
    "f3": { "properties": { "WarningLevel": "5" } }
  },
  "root": { "branch": "release", "path": "release", "version": "2.1.0", "scopes": ["core", "infra"], "children": [
    { "branch": "f1", "path": "forks/f1", "scopes": ["f1"] },
    { "branch": "f2", "path": "forks/f2", "overrides": [{ "packages": { "Newtonsoft.Json": "13.0.3" } }] },
    { "branch": "f3", "path": "forks/f3", "scopes": ["f3"] },
    { "branch": "f4", "path": "forks/f4", "inherits": ["core"] } ] }
}
JSON

folders=(release forks/f1 forks/f2 forks/f3 forks/f4)
prefixes=(Release F1 F2 F3 F4)

# class FILE NAMESPACE HEADER BODY: one class whose last line is `}`, with the private Tweak method.
class() {
  printf 'namespace %s;\n\n%s\n{\n%s\n    private static int Tweak(int x) => x + 1;\n}\n' "$2" "$3" "$4" > "$1"
}

solution="<Solution>\n"
for f in 0 1 2 3 4; do
  folder=${folders[$f]} p=${prefixes[$f]}
  solution+="  <Folder Name=\"/$p/\">\n"
  for k in 0 1 2 3 4 5 6 7 8; do
    name="$p.Lib$k" ns="$p.Lib$k" d="$dir/$folder/$p.Lib$k"
    mkdir -p "$d"
    refs="" deps=()
    if [ $k -ge 1 ]; then refs+="<ProjectReference Include=\"../$p.Lib$((k - 1))/$p.Lib$((k - 1)).csproj\" />"; deps+=("$p.Lib$((k - 1))"); fi
    if [ $k -ge 2 ] && [ $((k % 2)) = 0 ]; then refs+="<ProjectReference Include=\"../$p.Lib$((k - 2))/$p.Lib$((k - 2)).csproj\" />"; deps+=("$p.Lib$((k - 2))"); fi
    if [ $f -gt 0 ] && [ $k = 0 ]; then refs+="<ProjectReference Include=\"../../../release/Release.Lib2/Release.Lib2.csproj\" />"; deps+=("Release.Lib2"); fi
    cat > "$d/$name.csproj" <<XML
<Project Sdk="Spicetime.Sdk">
  <PropertyGroup><TargetFramework>net10.0</TargetFramework><GenerateDocumentationFile>true</GenerateDocumentationFile><NoWarn>\$(NoWarn);CS1591</NoWarn></PropertyGroup>
  <ItemGroup>$refs</ItemGroup>
</Project>
XML
    compute="Impl.Step(x)"
    for dep in "${deps[@]}"; do compute+=" + global::$dep.Api.Compute(x % 7)"; done
    json=""
    [ $k = 0 ] && json="    public static string Json(int x) => Newtonsoft.Json.JsonConvert.SerializeObject(new Item(x, Describe()));\n"
    class "$d/Api.cs" "$ns" "public static class Api" "    public static int Compute(int x) => $compute;\n\n    public static string Describe() => \"$name\";\n$json"
    class "$d/Impl.cs" "$ns" "internal static class Impl" "    internal static int Step(int x)\n    {\n        var y = x * $((k + 3));\n        return Tweak(y) + $k;\n    }\n"
    class "$d/Model.cs" "$ns" "public sealed record Item(int Id, string Name)" "    public int Score() => Id * 2 + Name.Length + Tweak(0);\n\n    public Item Next() => this with { Id = Id + 1 };\n"
    for part in 1 2 3; do
      body=""
      for m in 1 2 3 4 5 6 7 8; do
        body+="    public static int M$m(int a, int b)\n    {\n        var total = 0;\n        for (var i = 0; i < a; i++)\n        {\n            total += (i * $m + b) % $((part + 5));\n        }\n\n        return total + Tweak(a);\n    }\n\n"
        body+="    public static string S$m(string s) => string.Concat(s.Reverse()) + \"$part.$m\";\n\n"
      done
      class "$d/Part$part.cs" "$ns" "public static class Part$part" "$body"
    done
    sed -i 's/\\n/\n/g' "$d"/*.cs
    solution+="    <Project Path=\"$folder/$name/$name.csproj\" />\n"
  done
  name="$p.Tests" d="$dir/$folder/$p.Tests"
  mkdir -p "$d"
  cat > "$d/$name.csproj" <<XML
<Project Sdk="Spicetime.Sdk">
  <PropertyGroup><TargetFramework>net10.0</TargetFramework><IsPackable>false</IsPackable></PropertyGroup>
  <ItemGroup>
    <PackageReference Include="NUnit" Version="4.4.0" />
    <PackageReference Include="NUnit3TestAdapter" Version="6.3.1" />
    <PackageReference Include="Microsoft.NET.Test.Sdk" Version="18.11.0" />
    <ProjectReference Include="../$p.Lib8/$p.Lib8.csproj" />
    <ProjectReference Include="../$p.Lib4/$p.Lib4.csproj" />
  </ItemGroup>
</Project>
XML
  cat > "$d/ApiTests.cs" <<CS
using NUnit.Framework;

namespace $p.Tests;

public class ApiTests
{
    [Test]
    public void Compute_is_positive() => Assert.That(global::$p.Lib8.Api.Compute(3), Is.GreaterThan(0));

    [Test]
    public void Describes_itself() => Assert.That(global::$p.Lib4.Api.Describe(), Is.EqualTo("$p.Lib4"));

    [Test]
    public void Items_count_up() => Assert.That(new global::$p.Lib4.Item(1, "a").Next().Id, Is.EqualTo(2));

    [TestCase(1, 2)]
    [TestCase(5, 3)]
    public void Parts_are_not_negative(int a, int b) => Assert.That(global::$p.Lib8.Part1.M1(a, b), Is.GreaterThanOrEqualTo(0));

    [Test, Ignore("not yet")]
    public void Later() { }

    private static int Tweak(int x) => x + 1;
}
CS
  solution+="    <Project Path=\"$folder/$name/$name.csproj\" />\n"
  solution+="  </Folder>\n"
done
printf "$solution</Solution>\n" > "$dir/All.slnx"
(cd "$dir" && git init -q -b release && git add -A && git -c user.name=bench -c user.email=bench@spicetime.invalid commit -q -m "50 projects in 5 forks")
