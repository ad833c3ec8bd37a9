#!/usr/bin/env bash
# A/B of the library's hot paths against an earlier commit, whole processes alternating (before, after) in each round
# so that both see the same machine: the resolver (ResolveAll and LoadAndResolve of a synthetic 10,000-node tree, the
# median of 25 runs in one process), the contract comparer (a pair of 10,000-line OpenAPI descriptions, parse and
# compare medians) and `spicetime affected` (a synthetic 1,000-project fork repository, one .cs edit, wall time of
# the process). The same benchmark sources (this checkout's benchmarks/) build against both libraries.
# Each measure is taken twice: the in-process medians (wall time) and the CPU time (user + system) of the whole process,
# which a busy machine disturbs far less than wall time (a preempted process is not charged for the wait).
# Prints each round's figures and, per measure, the median of the paired ratios after/before.
# Usage: benchmarks/ab/run.sh BEFORE_COMMIT [rounds=7] [AFTER_COMMIT=this checkout]
set -euo pipefail
before_ref=$1
rounds=${2:-7}
after_ref=${3:-}
source "$(dirname "$0")/../common.sh"
bench_setup ab

trees=(before)
[ -n "$after_ref" ] && trees+=(after-tree)
trap 'for t in "${trees[@]}"; do git -C "$root" worktree remove --force "$work/$t" >/dev/null 2>&1 || true; done; [ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT
for t in "${trees[@]}"; do
  ref=$([ "$t" = before ] && echo "$before_ref" || echo "$after_ref")
  git -C "$root" worktree add --detach "$work/$t" "$ref" >/dev/null 2>&1
  rm -rf "$work/$t/benchmarks" && cp -r "$root/benchmarks" "$work/$t/benchmarks"
  cp -rn "$root/tests/Fixtures/." "$work/$t/tests/Fixtures/" # files the benchmarks link that an older commit lacks
  find "$work/$t/benchmarks" -name bin -o -name obj | xargs rm -rf
done

build() { # a failed build says why (set -e alone would end the run without a word)
  local out
  if ! out=$(dotnet build "$@" -nodeReuse:false -v:q -clp:NoSummary 2>&1); then
    grep -E 'error' <<<"$out" | sort -u | head -5 >&2
    exit 1
  fi
}

for side in before after; do
  tree=$([ "$side" = before ] && echo "$work/before" || { [ -n "$after_ref" ] && echo "$work/after-tree" || echo "$root"; })
  build "$tree/src/Spicetime.Cli/Spicetime.Cli.csproj" -c Release -o "$work/$side/cli"
  build "$tree/benchmarks/Spicetime.Benchmarks/Spicetime.Benchmarks.csproj" -c Release -o "$work/$side/bench"
  build "$tree/benchmarks/contracts/Spicetime.Benchmarks.Contracts.csproj" -c Release -o "$work/$side/contracts"
done
if [ -n "$after_ref" ]; then after_desc=$(git -C "$work/after-tree" rev-parse --short HEAD); else after_desc="$(git -C "$root" rev-parse --short HEAD)$(git -C "$root" diff --quiet || echo ' (with uncommitted changes)')"; fi
echo "before: $(git -C "$work/before" rev-parse --short HEAD)  after: $after_desc"

repo="$work/repo"
dotnet "$work/after/bench/Spicetime.Benchmarks.dll" generate-repo "$repo" 10 100

declare -A values=()
cpu() { tail -n 1 "$work/time" | awk '{ printf "%.2f", $1 + $2 }'; } # the last line: GNU time may add a status line first
measure() { # side -> in-process medians (ms) and whole-process CPU seconds
  local side=$1 resolve load speed parse compare r_cpu c_cpu a_wall a_cpu
  /usr/bin/time -f '%U %S' -o "$work/time" dotnet "$work/$side/bench/Spicetime.Benchmarks.dll" resolve-speed 10000 > "$work/resolve.out"
  r_cpu=$(cpu)
  read -r _ resolve _ load < "$work/resolve.out"
  speed=$(/usr/bin/time -f '%U %S' -o "$work/time" dotnet "$work/$side/contracts/Spicetime.Benchmarks.Contracts.dll" speed 10000)
  c_cpu=$(cpu)
  parse=$(grep -m1 'parse both' <<<"$speed" | grep -oE 'median [0-9.]+' | cut -d' ' -f2)
  compare=$(grep -m1 'compare:' <<<"$speed" | grep -oE 'median [0-9.]+' | cut -d' ' -f2)
  (cd "$repo" && /usr/bin/time -f '%U %S %e' -o "$work/time" dotnet "$work/$side/cli/spicetime.dll" affected --base HEAD~2 --head HEAD~1 --format json >/dev/null)
  a_cpu=$(cpu); a_wall=$(tail -n 1 "$work/time" | awk '{ print $3 }')
  echo "$resolve $load $r_cpu $parse $compare $c_cpu $a_wall $a_cpu"
}

names=(ResolveAll_ms LoadAndResolve_ms resolver_cpu_s OpenApiParse_ms OpenApiCompare_ms contracts_cpu_s affected_s affected_cpu_s)
printf '%-6s %-7s' round side; printf ' %s' "${names[@]}"; echo
ratios=()
for ((r = 1; r <= rounds; r++)); do
  b=($(measure before)); a=($(measure after))
  echo "$r before ${b[*]}"
  echo "$r after  ${a[*]}"
  for i in "${!names[@]}"; do values[$i]+="$(awk -v a="${a[$i]}" -v b="${b[$i]}" 'BEGIN { printf "%.3f", a / b }') "; done
done
echo
echo "median of paired ratios after/before ($rounds rounds):"
for i in "${!names[@]}"; do printf '  %-18s %s   (%s)\n' "${names[$i]}" "$(median <<<"${values[$i]}")" "${values[$i]}"; done
