#!/usr/bin/env bash
# Whole-process overhead of Spicetime.Sdk against plain Microsoft.NET.Sdk.
#
# Two copies of the same repository: 24 projects in 4 forks (6 per fork, one shared project per fork's scope),
# (A) on Spicetime.Sdk with tree.json, (B) on Microsoft.NET.Sdk with the identical packages, properties and
# project references written by hand in each project. Measured in rounds, each copy once a round in a shuffled order:
#   restore  - `dotnet restore` with no obj/ folders (packages already in the package folder)
#   build    - full `dotnet build --no-restore` with no bin/ and obj/<config> folders
#   no-op    - `dotnet build` again with nothing changed (restore included, as users run it)
#   profile  - the restore again on one in-process node (-m:1) with MSBuild's performance summary: the steadier figure
#              at 200 projects, where two nodes' wall times move more than the 2% asked for. Reported per copy:
#              evaluations, _FilterRestoreGraphProjectInputItems (every project's evaluation and restore-time targets,
#              Spicetime's among them), the generation's target and task (SpicetimeGenerate and GenerateSpicetimeProps;
#              the task-floor's FloorGenerate and WriteMarker), in ms (medians over the rounds).
#   noopprofile - the no-op build on one in-process node with the performance summary: what importing the generated
#              files and the up-to-date checks cost in evaluations that find every file in place.
# Both copies are git repositories with one commit (as real ones are: Spicetime then computes versions and commits).
# Prints median times and, for each copy, the median and quartiles of its ratio to B within the same round.
#
# With floors=1, two more copies measure what any SDK built like Spicetime.Sdk pays before doing any work of its own:
#   (S) sdk-floor   - the plain copy on Sdk="Spicetime.Sdk" without tree.json: the SDK is resolved through NuGet's
#                     SDK resolver and its files are imported, but it is inactive;
#   (T) task-floor  - S plus a restore-time target, hooked where SpicetimeGenerate is, running a task from a
#                     one-class assembly (floor-task/) that writes one small file per project;
#   (C) control     - an identical copy of the plain repository: its ratio to B is what the machine's noise alone
#                     makes of two equal builds (floors=control measures only this one);
#   (W) whole-files - A with a whole generated file per project, as before node files (-p:_SpicetimeNodeFiles=false,
#                     set in its Directory.Build.props): what a node's shared file saves.
# With forms=1, two more copies of A measure the other forms of docs/project-kinds.md:
#   (D) beside      - each project on Sdk="Microsoft.NET.Sdk" with <Sdk Name="Spicetime.Sdk" />;
#   (E) no-edits    - each project on Sdk="Microsoft.NET.Sdk", Spicetime from the Directory.Build.* lines spicetime init writes.
# Usage: benchmarks/sdk-overhead/run.sh [iterations=7] [projects per fork=5] [phases="restore build noop"] [floors=0|1|control] [forms=0|1]
#   24 projects: run.sh 7          200 projects: run.sh 5 49 "restore noop"       floors: run.sh 11 5 restore 1
#   one-node profile at 200 projects against the floors: run.sh 3 49 profile 1
#   forms: run.sh 9 5 "restore noop" 1 1
set -euo pipefail
iterations=${1:-7}
per_fork=${2:-5}
phases=${3:-restore build noop}
floors=${4:-0}
forms=${5:-0}
source "$(dirname "$0")/../common.sh"
bench_setup overhead
pack_sdk

forks=(release fork-a fork-b fork-c)
write_repo() { # $1 = folder, $2 = spicetime|plain
  local dir=$1 kind=$2
  mkdir -p "$dir"
  nuget_config "$dir"
  echo '<Project />' > "$dir/Directory.Build.props"
  echo '<Project />' > "$dir/Directory.Build.targets"
  echo "{ \"msbuild-sdks\": { \"Spicetime.Sdk\": \"$version\" } }" > "$dir/global.json"
  cat > "$dir/tree.json" <<'JSON'
{
  "scopes": {
    "core":  { "packages": { "Newtonsoft.Json": "13.0.3" }, "properties": { "Nullable": "enable", "ImplicitUsings": "enable" } },
    "infra": { "packages": { "Serilog": "4.0.0" }, "properties": { "Deterministic": "true" } },
    "resilience": { "packages": { "Polly": "8.4.2" } },
    "shared-a": { "projects": ["shared/fork-a/Shared.csproj"] },
    "shared-b": { "projects": ["shared/fork-b/Shared.csproj"] },
    "shared-c": { "projects": ["shared/fork-c/Shared.csproj"] },
    "shared-r": { "projects": ["shared/release/Shared.csproj"] }
  },
  "root": { "branch": "release", "path": "release", "scopes": ["core", "infra", "shared-r"], "children": [
    { "branch": "fork-a", "path": "fork-a", "inherits": ["core", "infra"], "scopes": ["resilience", "shared-a"] },
    { "branch": "fork-b", "path": "fork-b", "inherits": ["infra"], "scopes": ["resilience", "shared-b"] },
    { "branch": "fork-c", "path": "fork-c", "inherits": ["core"], "scopes": ["shared-c"] } ] }
}
JSON
  local sln_projects=()
  for fork in "${forks[@]}"; do
    # What the fork resolves to, written by hand for the plain copy.
    local packages="" properties=""
    case $fork in
      release) packages='<PackageReference Include="Newtonsoft.Json" Version="13.0.3" /><PackageReference Include="Serilog" Version="4.0.0" />'
               properties='<Nullable>enable</Nullable><ImplicitUsings>enable</ImplicitUsings><Deterministic>true</Deterministic>' ;;
      fork-a)  packages='<PackageReference Include="Newtonsoft.Json" Version="13.0.3" /><PackageReference Include="Serilog" Version="4.0.0" /><PackageReference Include="Polly" Version="8.4.2" />'
               properties='<Nullable>enable</Nullable><ImplicitUsings>enable</ImplicitUsings><Deterministic>true</Deterministic>' ;;
      fork-b)  packages='<PackageReference Include="Serilog" Version="4.0.0" /><PackageReference Include="Polly" Version="8.4.2" />'
               properties='<Deterministic>true</Deterministic>' ;;
      fork-c)  packages='<PackageReference Include="Newtonsoft.Json" Version="13.0.3" />'
               properties='<Nullable>enable</Nullable><ImplicitUsings>enable</ImplicitUsings>' ;;
    esac
    local sdk="Spicetime.Sdk" body=""
    # The shared project of each fork lives outside the fork's path and is mapped with $(SpicetimeBranch).
    mkdir -p "$dir/shared/$fork"
    if [ "$kind" = plain ]; then sdk="Microsoft.NET.Sdk"; body="<PropertyGroup>$properties</PropertyGroup><ItemGroup>$packages</ItemGroup>"; else body="<PropertyGroup><SpicetimeBranch>$fork</SpicetimeBranch></PropertyGroup>"; fi
    cat > "$dir/shared/$fork/Shared.csproj" <<XML
<Project Sdk="$sdk"><PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup>$body</Project>
XML
    echo "namespace Shared_${fork//-/_}; public static class S { public static int V => 1; }" > "$dir/shared/$fork/S.cs"
    sln_projects+=("shared/$fork/Shared.csproj")
    for ((i = 1; i <= per_fork; i++)); do
      local project="$fork/P$i/P$i.csproj"
      mkdir -p "$dir/$fork/P$i"
      if [ "$kind" = plain ]; then
        body="<PropertyGroup>$properties</PropertyGroup><ItemGroup>$packages<ProjectReference Include=\"../../shared/$fork/Shared.csproj\" /></ItemGroup>"
      else
        body=""
      fi
      cat > "$dir/$project" <<XML
<Project Sdk="$sdk"><PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup>$body</Project>
XML
      for c in 1 2 3 4; do
        echo "namespace P${i}_${fork//-/_}; public static class C$c { public static int V => Shared_${fork//-/_}.S.V + $c; }" > "$dir/$fork/P$i/C$c.cs"
      done
      sln_projects+=("$project")
    done
  done
  (cd "$dir" && dotnet new sln -n Bench --format sln >/dev/null && dotnet sln Bench.sln add "${sln_projects[@]}" >/dev/null)
  printf 'bin/\nobj/\n' > "$dir/.gitignore"
  (cd "$dir" && git init -q -b main && git add -A && git -c user.name=bench -c user.email=bench@invalid commit -q -m "bench")
}

write_repo "$work/A" spicetime
write_repo "$work/B" plain
kinds="A B"
if [ "$floors" != 0 ]; then
  cp -a "$work/B" "$work/C"
  kinds="A B C"
fi
if [ "$floors" = 1 ]; then
  dotnet build "$root/benchmarks/sdk-overhead/floor-task/FloorTask.csproj" -c Release -o "$work/floor-task" -nodeReuse:false -v:q -clp:NoSummary >/dev/null
  for kind in S T; do
    cp -a "$work/B" "$work/$kind"
    rm -rf "$work/$kind/.git" "$work/$kind/tree.json"
    (cd "$work/$kind" && git init -q -b main && git add -A && git -c user.name=bench -c user.email=bench@invalid commit -q -m "bench")
    find "$work/$kind" -name '*.csproj' -exec sed -i 's/Sdk="Microsoft.NET.Sdk"/Sdk="Spicetime.Sdk"/' {} +
    cp "$work/A/global.json" "$work/$kind/"
  done
  cat > "$work/T/Directory.Build.targets" <<XML
<Project>
  <UsingTask TaskName="FloorTask.WriteMarker" AssemblyFile="$work/floor-task/FloorTask.dll" />
  <Target Name="FloorGenerate" BeforeTargets="_IsProjectRestoreSupported;_GenerateRestoreProjectPathWalk;_GenerateRestoreGraphProjectEntry;_GenerateProjectRestoreGraph"
          Inputs="\$(MSBuildProjectFullPath)" Outputs="\$(MSBuildProjectExtensionsPath)floor/marker">
    <FloorTask.WriteMarker File="\$(MSBuildProjectExtensionsPath)floor/marker" />
  </Target>
</Project>
XML
  cp -a "$work/A" "$work/W"
  rm -rf "$work/W/.git"
  echo '<Project><PropertyGroup><_SpicetimeNodeFiles>false</_SpicetimeNodeFiles></PropertyGroup></Project>' > "$work/W/Directory.Build.props"
  (cd "$work/W" && git init -q -b main && git add -A && git -c user.name=bench -c user.email=bench@invalid commit -q -m "bench")
  kinds="A B C S T W"
fi

if [ "$forms" = 1 ]; then
  for kind in D E; do
    cp -a "$work/A" "$work/$kind"
    rm -rf "$work/$kind/.git"
  done
  find "$work/D" -name '*.csproj' -exec sed -i 's|<Project Sdk="Spicetime.Sdk">|<Project Sdk="Microsoft.NET.Sdk"><Sdk Name="Spicetime.Sdk" />|' {} +
  find "$work/E" -name '*.csproj' -exec sed -i 's|<Project Sdk="Spicetime.Sdk">|<Project Sdk="Microsoft.NET.Sdk">|' {} +
  cat > "$work/E/Directory.Build.props" <<'XML'
<Project>
  <Import Project="Sdk.props" Sdk="Spicetime.Sdk" Condition="'$(UsingSpicetimeSdk)' != 'true'" />
</Project>
XML
  cat > "$work/E/Directory.Build.targets" <<'XML'
<Project>
  <Import Project="Sdk.targets" Sdk="Spicetime.Sdk" Condition="'$(SpicetimeSdkForm)' == 'Directory'" />
</Project>
XML
  for kind in D E; do
    (cd "$work/$kind" && git init -q -b main && git add -A && git -c user.name=bench -c user.email=bench@invalid commit -q -m "bench")
  done
  kinds="$kinds D E"
fi

# Warm up: fill the package folder, JIT the SDK and tasks; check both copies build and resolve the same packages.
for kind in $kinds; do dotnet build "$work/$kind/Bench.sln" -nodeReuse:false -v:q -clp:NoSummary >/dev/null; done
a_deps=$(cd "$work/A" && for f in */P1/obj/project.assets.json; do grep -o '"[A-Za-z.]*/[0-9.]*": {' "$f" | sort | tr -d '\n'; done)
b_deps=$(cd "$work/B" && for f in */P1/obj/project.assets.json; do grep -o '"[A-Za-z.]*/[0-9.]*": {' "$f" | sort | tr -d '\n'; done)
[ "$a_deps" = "$b_deps" ] || { echo "the two copies restore different packages" >&2; exit 1; }
for kind in $kinds; do
  case $kind in D|E) deps=$(cd "$work/$kind" && for f in */P1/obj/project.assets.json; do grep -o '"[A-Za-z.]*/[0-9.]*": {' "$f" | sort | tr -d '\n'; done)
                     [ "$deps" = "$b_deps" ] || { echo "copy $kind restores other packages than the plain copy" >&2; exit 1; } ;; esac
done

# Wall time, and CPU time (user + system of the process and the MSBuild nodes it waited for, from bash's `time`): on a
# shared machine the wall time moves with other tenants' load, the CPU time much less. Each round runs every copy once,
# in a shuffled order (a fixed order lets a slow drift or the position in the round favour one copy), and each copy is
# compared with the plain copy *of the same round*: the ratios reported are the medians (and quartiles) of those paired
# ratios, which a drift over the whole run does not move.
TIMEFORMAT='%R %U %S'
results="$work/results.tsv"; : > "$results"
profiles="$work/profiles.tsv"; : > "$profiles"
timed() { # $1 kind, $2 phase, then the command
  local kind=$1 phase=$2 t; shift 2
  t=$( { time "$@" >/dev/null; } 2>&1 | tail -1)
  echo "$i $phase $kind $(echo "$t" | awk '{ printf "%.3f %.3f", $1, $2 + $3 }')" >> "$results"
}
measure() { # $1 kind, $2 phase
  local dir="$work/$1"
  case $2 in
    # The obj/ folders are set aside and put back afterwards, so that a no-op build measured next is one.
    restore) find "$dir" -name obj -type d -prune -exec sh -c 'for d; do rm -rf "$d.bench"; mv "$d" "$d.bench"; done' sh {} +
             timed "$1" "$2" dotnet restore "$dir/Bench.sln" -nodeReuse:false -v:q
             find "$dir" -name obj.bench -type d -prune -exec sh -c 'for d; do rm -rf "${d%.bench}"; mv "$d" "${d%.bench}"; done' sh {} + ;;
    build)   find "$dir" \( -name bin -o -path '*/obj/Debug' \) -type d -prune -exec rm -rf {} +
             timed "$1" "$2" dotnet build "$dir/Bench.sln" --no-restore -nodeReuse:false -v:q -clp:NoSummary ;;
    noop)    timed "$1" "$2" dotnet build "$dir/Bench.sln" -nodeReuse:false -v:q -clp:NoSummary ;;
    profile|noopprofile)
             if [ "$2" = profile ]; then
               find "$dir" -name obj -type d -prune -exec sh -c 'for d; do rm -rf "$d.bench"; mv "$d" "$d.bench"; done' sh {} +
               dotnet restore "$dir/Bench.sln" -m:1 -nodeReuse:false -v:n -clp:PerformanceSummary > "$work/profile.log"
             else
               dotnet build "$dir/Bench.sln" -m:1 -nodeReuse:false -v:n -clp:PerformanceSummary > "$work/profile.log"
             fi
             # The sections of the summary: evaluations summed; targets and tasks by name, from their own sections.
             awk -v r="$i" -v k="$1" -v p="$2" '
               /Performance Summary:/ { section = $0; next }
               $2 != "ms" { next }
               section ~ /^Project Evaluation/ { evaluation += $1 }
               section ~ /^Target/ && $3 == "_FilterRestoreGraphProjectInputItems" { filter = $1 }
               section ~ /^Target/ && ($3 == "SpicetimeGenerate" || $3 == "FloorGenerate") { generate = $1 }
               section ~ /^Task/ && ($3 == "GenerateSpicetimeProps" || $3 ~ /WriteMarker$/) { task = $1 }
               END { print r, k, evaluation + 0, filter + 0, generate + 0, task + 0, p }' "$work/profile.log" >> "$profiles"
             [ "$2" != profile ] || find "$dir" -name obj.bench -type d -prune -exec sh -c 'for d; do rm -rf "${d%.bench}"; mv "$d" "${d%.bench}"; done' sh {} + ;;
  esac
}
shuffled() { if command -v shuf >/dev/null; then printf '%s\n' $kinds | shuf; else printf '%s\n' $kinds; fi; }

for ((i = 1; i <= iterations; i++)); do
  for phase in $phases; do
    for kind in $(shuffled); do measure $kind $phase; done
  done
done

# quartiles: p25 median p75 of the numbers on standard input
quartiles() { sort -n | awk '{ v[NR] = $1 } END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.3f %.3f %.3f", v[int((NR + 3) / 4)], m, v[int((3 * NR + 3) / 4)] }'; }
# paired COLUMN PHASE KIND: the ratio of KIND to the plain copy B in each round (column 4 wall, 5 CPU)
paired() { awk -v c="$1" -v p="$2" -v k="$3" '$2 == p && $3 == k { a[$1] = $c } $2 == p && $3 == "B" { b[$1] = $c } END { for (r in a) if (r in b) print a[r] / b[r] }' "$results"; }
label() { case $1 in A) echo Spicetime ;; B) echo "plain SDK" ;; S) echo sdk-floor ;; T) echo task-floor ;; C) echo control ;; W) echo whole-files ;; D) echo beside ;; E) echo no-edits ;; esac; }
[ ! -s "$results" ] || printf '%-8s %-11s %10s   %-28s %s\n' phase copy "median s" "ratio p25 / median / p75" "CPU ratio p25 / median / p75"
for phase in $phases; do
  case $phase in profile|noopprofile) continue ;; esac
  for kind in $kinds; do
    t=$(awk -v p="$phase" -v k="$kind" '$2 == p && $3 == k { print $4 }' "$results" | quartiles | awk '{ print $2 }')
    if [ "$kind" = B ]; then printf '%-8s %-11s %10.3f\n' "$phase" "$(label $kind)" "$t"; continue; fi
    printf '%-8s %-11s %10.3f   %-28s %s\n' "$phase" "$(label $kind)" "$t" "$(paired 4 "$phase" "$kind" | quartiles | sed 's/ / \/ /g')" "$(paired 5 "$phase" "$kind" | quartiles | sed 's/ / \/ /g')"
  done
done
[ ! -s "$results" ] || echo "(paired ratios to the plain copy over $iterations rounds in shuffled order, $((4 * (per_fork + 1))) projects in 4 forks, $(nproc) cores)"
if [ -s "$profiles" ]; then
  median() { sort -n | awk '{ v[NR] = $1 } END { printf "%d", (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
  for phase in profile noopprofile; do
    grep -q " $phase\$" "$profiles" || continue
    echo
    printf '%-11s %12s %38s %18s %16s\n' "one node" "evaluations" "_FilterRestoreGraphProjectInputItems" "generation target" "generation task"
    for kind in $kinds; do
      column() { awk -v k="$kind" -v c="$1" -v p="$phase" '$2 == k && $7 == p { print $c }' "$profiles" | median; }
      printf '%-11s %9s ms %35s ms %15s ms %13s ms\n' "$(label $kind)" "$(column 3)" "$(column 4)" "$(column 5)" "$(column 6)"
    done
    if [ "$phase" = profile ]; then
      echo "(fresh restore of each copy on one in-process node, -m:1 -clp:PerformanceSummary; medians of $iterations rounds)"
    else
      echo "(no-op build, restore included, of each copy on one in-process node, -m:1 -clp:PerformanceSummary; medians of $iterations rounds)"
    fi
  done
fi
