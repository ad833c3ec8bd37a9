#!/usr/bin/env bash
# A one-scope change in a 10-fork x 10-project tree on Spicetime.Sdk: the time of building what it affects against
# a full `dotnet build` of the solution, from clean outputs each time (packages already in the package folder).
#   full       - dotnet build All.slnx
#   since      - dotnet build All.slnx -p:SpicetimeAffectedSince=HEAD~1   (the solution, unaffected projects skipped)
#   traversal  - spicetime affected --base HEAD~1 --format traversal > affected.proj && dotnet build affected.proj
#   slnf       - spicetime affected --base HEAD~1 --format slnf > affected.slnf && dotnet build affected.slnf
# Alternating full, since, traversal, slnf; prints medians and ratios to full. KEEP=1 keeps the work folder.
# Usage: benchmarks/selective-build/run.sh [iterations=3]
set -euo pipefail
iterations=${1:-3}
source "$(dirname "$0")/../common.sh"
bench_setup selective
pack_sdk
dotnet build "$root/src/Spicetime.Cli/Spicetime.Cli.csproj" -c Release -o "$work/cli" -nodeReuse:false -v:q -clp:NoSummary >/dev/null
dotnet build "$root/benchmarks/Spicetime.Benchmarks/Spicetime.Benchmarks.csproj" -c Release -o "$work/gen" -nodeReuse:false -v:q -clp:NoSummary >/dev/null

repo="$work/repo"
dotnet "$work/gen/Spicetime.Benchmarks.dll" generate-repo "$repo" 10 10 spicetime
cd "$repo"
echo "{ \"msbuild-sdks\": { \"Spicetime.Sdk\": \"$version\" } }" > global.json
nuget_config .
git add -A && git -c user.name=bench -c user.email=bench@spicetime.invalid commit -q -m "sdk"
# The change: one scope (fork f3's own) gets a new property value.
sed -i 's/"F3Flag":"on"/"F3Flag":"off"/' tree.json
git -c user.name=bench -c user.email=bench@spicetime.invalid commit -q -am "change scope f3"

echo "affected by the change:"
dotnet "$work/cli/spicetime.dll" affected --base HEAD~1 | grep -v '^  because' | sed 's/^/  /'
# Warm the package folder (first restore downloads); show the log only if that build fails.
dotnet build All.slnx -nodeReuse:false -v:q -clp:NoSummary > "$work/warm.log" || { tail -30 "$work/warm.log"; exit 1; }

clean() { git clean -xdfq -e affected.proj -e affected.slnf; }
measure() { # $1 = name; rest = command
  local name=$1; shift
  clean
  local start end
  start=$(date +%s.%N)
  "$@" >/dev/null
  end=$(date +%s.%N)
  echo "$name $(echo "$end - $start" | bc)" >> "$work/times"
}
for ((i = 0; i < iterations; i++)); do
  measure full dotnet build All.slnx -nodeReuse:false
  measure since dotnet build All.slnx -nodeReuse:false -p:SpicetimeAffectedSince=HEAD~1
  measure traversal bash -c "dotnet '$work/cli/spicetime.dll' affected --base HEAD~1 --format traversal > affected.proj && dotnet build affected.proj -nodeReuse:false"
  measure slnf bash -c "dotnet '$work/cli/spicetime.dll' affected --base HEAD~1 --format slnf > affected.slnf && dotnet build affected.slnf -nodeReuse:false"
done
rm -f affected.proj affected.slnf

full=$(awk '$1 == "full" { print $2 }' "$work/times" | median)
printf '%-10s %10s %8s\n' build "median (s)" "ratio"
for name in full since traversal slnf; do
  m=$(awk -v n="$name" '$1 == n { print $2 }' "$work/times" | median)
  printf '%-10s %10.2f %8.3f\n' "$name" "$m" "$(echo "$m / $full" | bc -l)"
done
