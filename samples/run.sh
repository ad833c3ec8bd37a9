#!/usr/bin/env bash
# The main job: pack Spicetime (SDK and CLI) locally, build the sample tree of forks with a plain
# `dotnet build`, run each fork's program, show what each fork got and why (`spicetime show`, `why`), and what
# an edit of the shared code would rebuild (`spicetime affected`).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
sample="$root/samples/fork-tree"
export DOTNET_CLI_USE_MSBUILD_SERVER=0 MSBUILDDISABLENODEREUSE=1 DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
# A package folder of the sample's own, so a stale Spicetime.Sdk from another build is never used.
export NUGET_PACKAGES="$root/artifacts/sample-packages"
rm -rf "$NUGET_PACKAGES/spicetime.sdk" "$NUGET_PACKAGES/spicetime.cli" "$root/artifacts/tools"

echo "== Packing Spicetime into artifacts/packages"
dotnet pack "$root/Spicetime.Build.sln" -c Release -o "$root/artifacts/packages" -nodeReuse:false -v:q -clp:NoSummary
dotnet tool install Spicetime.Cli --tool-path "$root/artifacts/tools" --add-source "$root/artifacts/packages" >/dev/null
spicetime="$root/artifacts/tools/spicetime"

echo
echo "== spicetime validate"
(cd "$sample" && "$spicetime" validate)

echo
echo "== dotnet build samples/fork-tree/ForkTree.sln (Spicetime.Sdk, no extra step)"
rm -rf "$sample"/*/*/obj "$sample"/*/*/*/obj
dotnet build "$sample/ForkTree.sln" -nodeReuse:false -v:q -clp:NoSummary

echo
echo "== Each fork's program, built only with what its fork inherits"
for project in release/Service forks/feature-a/Web forks/feature-b/Api; do
  dotnet run --no-build --project "$sample/$project"
done

echo
echo "== What each fork got, and from where (spicetime show)"
(cd "$sample" && "$spicetime" show)

echo
echo "== Why feature-A has Newtonsoft.Json 13.0.3 (spicetime why)"
(cd "$sample" && "$spicetime" why Newtonsoft.Json --branch feature-A)

echo
echo "== What an edit of shared/Core/Order.cs rebuilds, and why (spicetime affected; feature-B does not inherit core)"
(cd "$sample" && "$spicetime" affected --files shared/Core/Order.cs)

echo
echo "== API contracts: what feature-A changes in release's (it extends both; additions build, a break would fail its build)"
(cd "$sample" && "$spicetime" contracts diff --branch feature-A)

echo
echo "== Ship a fork: dotnet pack forks/feature-a/Web (release is 1.4.0; feature-A derives its version from that line)"
rm -rf "$root/artifacts/sample-out"
dotnet pack "$sample/forks/feature-a/Web/Web.csproj" -o "$root/artifacts/sample-out" -nodeReuse:false -v:q -clp:NoSummary
nupkg=$(cd "$root/artifacts/sample-out" && ls Web.*.nupkg)
echo "artifacts/sample-out/$nupkg, whose .nuspec says:"
grep -hE "<version>|<dependency |<repository |<tags>" "$sample/forks/feature-a/Web/obj/Release/${nupkg%.nupkg}.nuspec" | sed -e 's/^ */  /' -e 's/ exclude="[^"]*"//'

echo
echo "== The lock file, checked as CI does: every node's state is what tree.lock.json recorded (spicetime sync --check)"
(cd "$sample" && "$spicetime" sync --check)
