#!/usr/bin/env bash
# `spicetime affected` on a real repository, whole process (start and JIT included), beside what full MSBuild
# evaluation of the same projects costs (the work dotnet-affected does, which evaluates every project with MSBuild).
#   1. affected --base REV for each REV given, and a process that only evaluates every project's outer build with
#      MSBuild (Spicetime.Differential --evaluate: what dotnet-affected does before it compares anything), N runs
#      each, alternating; medians, minimum and maximum of wall time;
#   2. Spicetime.Differential --measure: MSBuild evaluation of every project with the .NET SDK, with a stub SDK, and
#      Spicetime's reader, in one process.
# Usage: benchmarks/affected-real/run.sh REPOSITORY [runs=11] [revisions="HEAD~1 HEAD~10"]
set -euo pipefail
repo=$(cd "$1" && pwd)
runs=${2:-11}
revisions=${3:-"HEAD~1 HEAD~10"}
source "$(dirname "$0")/../common.sh"
bench_setup affected-real

dotnet build "$root/src/Spicetime.Cli/Spicetime.Cli.csproj" -c Release -o "$work/cli" -nodeReuse:false -v:q -clp:NoSummary >/dev/null
dotnet build "$root/tests/Spicetime.Differential/Spicetime.Differential.csproj" -c Release -o "$work/harness" -nodeReuse:false -v:q -clp:NoSummary >/dev/null

projects=$(cd "$repo" && git ls-files '*.csproj' '*.fsproj' '*.vbproj' '*.proj' | wc -l)
echo "repository: $repo ($projects project files, HEAD $(cd "$repo" && git rev-parse --short HEAD))"
declare -A walls=() counts=()
for ((i = 0; i < runs; i++)); do
  for rev in $revisions; do
    out=$(cd "$repo" && /usr/bin/time -f '%e' -o "$work/time" dotnet "$work/cli/spicetime.dll" affected --base "$rev" --format json 2>/dev/null)
    walls[$rev]+="$(cat "$work/time") "
    counts[$rev]=$(grep -c '"path"' <<<"$out" || true)
  done
  /usr/bin/time -f '%e' -o "$work/time" dotnet "$work/harness/Spicetime.Differential.dll" --repo "$repo" --evaluate >/dev/null
  walls[msbuild]+="$(cat "$work/time") "
done
printf '%-10s %8s %8s %8s %9s\n' base median min max affected
for rev in $revisions msbuild; do
  sorted=$(tr ' ' '\n' <<<"${walls[$rev]}" | grep -v '^$' | sort -n)
  printf '%-10s %8s %8s %8s %9s\n' "$rev" "$(median <<<"${walls[$rev]}")" "$(head -1 <<<"$sorted")" "$(tail -1 <<<"$sorted")" "${counts[$rev]:-}"
done
echo
dotnet "$work/harness/Spicetime.Differential.dll" --repo "$repo" --measure
