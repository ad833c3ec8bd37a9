#!/usr/bin/env bash
# The main job: pack Spicetime (SDK and CLI) locally, build the sample tree of services with a plain `dotnet build`,
# run each fork's program (feature-A's Web API as a service on a loopback port, answering one request), run feature-B's
# tests, show what each fork got and why (`spicetime show`, `why`), what an edit of the shared code would rebuild
# (`spicetime affected`, and as a page: `spicetime graph --format html`), what feature-A changes in its API contracts, a
# fork's package and the lock file check.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
sample="$root/samples/fork-tree"
export DOTNET_CLI_USE_MSBUILD_SERVER=0 MSBUILDDISABLENODEREUSE=1 DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
quiet=(-nodeReuse:false -v:q -clp:NoSummary)

# Progress: a line before each step, the seconds it took after it (and the CPU seconds of the processes it waited for,
# which a busy machine inflates less; a C# compiler server already running is not counted), and the total at the end.
# (`times` runs in this shell, not in a $(...) subshell, which would have no children yet.)
cpu_file=$(mktemp)
cpu=0
read_cpu() { times >"$cpu_file"; cpu=$(tail -1 "$cpu_file" | awk '{ split($1, u, "m"); split($2, s, "m"); printf "%.0f", u[1] * 60 + u[2] + s[1] * 60 + s[2] }'); }
step_name="" step_start=0 step_cpu=0
end_step() {
  if [ -n "$step_name" ]; then read_cpu; echo "   ($((SECONDS - step_start)) s, CPU $((cpu - step_cpu)) s)"; fi
  step_name=""
}
step() {
  end_step
  read_cpu
  step_name=$1 step_start=$SECONDS step_cpu=$cpu
  echo
  echo "== [${SECONDS} s] $1"
}

# The Web API started below never outlives the script, whatever ends it.
service_pid=""
stop_service() {
  if [ -n "$service_pid" ] && kill -0 "$service_pid" 2>/dev/null; then
    kill "$service_pid" 2>/dev/null || true
    wait "$service_pid" 2>/dev/null || true
  fi
  service_pid=""
}
trap 'stop_service; rm -f "$cpu_file"' EXIT

# Only Spicetime.Sdk and Spicetime.Cli, not the test projects of Spicetime.Build.sln (samples/packages.slnf); with the
# machine's package folder, where Spicetime's own build dependencies already are.
step "Packing Spicetime.Sdk and Spicetime.Cli into artifacts/packages (dotnet pack samples/packages.slnf)"
dotnet pack "$root/samples/packages.slnf" -c Release -o "$root/artifacts/packages" "${quiet[@]}"

# The sample restores into a package folder of its own, so a stale Spicetime.Sdk from another build is never used.
export NUGET_PACKAGES="$root/artifacts/sample-packages"
rm -rf "$NUGET_PACKAGES/spicetime.sdk" "$NUGET_PACKAGES/spicetime.cli" "$root/artifacts/tools"
dotnet tool install Spicetime.Cli --tool-path "$root/artifacts/tools" --add-source "$root/artifacts/packages" >/dev/null
spicetime="$root/artifacts/tools/spicetime"

step "spicetime validate"
(cd "$sample" && "$spicetime" validate)

step "dotnet build samples/fork-tree/ForkTree.sln -c Release (Web, Razor, Worker and MSTest SDKs with Spicetime.Sdk beside them)"
rm -rf "$sample"/obj "$sample"/*/*/obj "$sample"/*/*/*/obj   # the projects' obj/ and the nodes' shared files beside tree.json
dotnet build "$sample/ForkTree.sln" -c Release "${quiet[@]}"

step "The workers, each built only with what its fork inherits (dotnet run)"
for project in release/Worker forks/feature-b/Worker; do
  dotnet run -c Release --no-build --project "$sample/$project"
done

step "feature-A's Web API on a loopback port: one request (curl), then stopped"
port=""
for _ in $(seq 1 20); do
  candidate=$((20000 + RANDOM % 40000))
  if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then port=$candidate; break; fi
done
[ -n "$port" ] || { echo "no free loopback port found" >&2; exit 1; }
service_log="$root/artifacts/sample-web.log"
ASPNETCORE_URLS="http://127.0.0.1:$port" dotnet "$sample/forks/feature-a/Web/bin/Release/net10.0/Web.dll" >"$service_log" 2>&1 &
service_pid=$!
url="http://127.0.0.1:$port/orders/A-1"
for attempt in $(seq 1 60); do
  if curl -fsS --max-time 2 -o /dev/null "$url" 2>/dev/null; then break; fi
  if ! kill -0 "$service_pid" 2>/dev/null || [ "$attempt" = 60 ]; then
    echo "the Web API did not answer on port $port; its output:" >&2
    cat "$service_log" >&2
    exit 1
  fi
  sleep 0.5
done
echo "\$ curl -i $url"
curl -fsS -i --max-time 5 "$url" | tr -d '\r' | grep -vE '^(Date|Server|Transfer-Encoding):'
echo
stop_service

step "feature-B's tests (dotnet test forks/feature-b/Worker.Tests: MSTest.Sdk, Polly from the fork)"
dotnet test "$sample/forks/feature-b/Worker.Tests" -c Release --no-build -nodeReuse:false

step "What each fork got, and from where (spicetime show)"
(cd "$sample" && "$spicetime" show)

step "Why feature-A has Newtonsoft.Json 13.0.3 (spicetime why)"
(cd "$sample" && "$spicetime" why Newtonsoft.Json --branch feature-A)

step "What an edit of shared/Core/Order.cs rebuilds, and why (spicetime affected; feature-B does not inherit core)"
(cd "$sample" && "$spicetime" affected --files shared/Core/Order.cs)

step "The same, to look at: one self-contained page of the tree, its projects, provenance and that edit's overlay (spicetime graph --format html)"
(cd "$sample" && "$spicetime" graph --format html --files shared/Core/Order.cs --output "$root/artifacts/graph/fork-tree.html")

step "API contracts: what feature-A changes in release's (additions build, a break would fail its build)"
(cd "$sample" && "$spicetime" contracts diff --branch feature-A)

step "Ship a fork: dotnet pack forks/feature-a/Web --no-build (release is 1.4.0; feature-A derives its version from that line)"
rm -rf "$root/artifacts/sample-out"
dotnet pack "$sample/forks/feature-a/Web/Web.csproj" -c Release --no-build -o "$root/artifacts/sample-out" "${quiet[@]}"
nupkg=$(cd "$root/artifacts/sample-out" && ls Web.*.nupkg)
echo "artifacts/sample-out/$nupkg, whose .nuspec says:"
grep -hE "<version>|<dependency |<repository |<tags>" "$sample/forks/feature-a/Web/obj/Release/${nupkg%.nupkg}.nuspec" | sed -e 's/^ */  /' -e 's/ exclude="[^"]*"//'

step "The lock file, checked as CI does: every node's state is what tree.lock.json recorded (spicetime sync --check)"
(cd "$sample" && "$spicetime" sync --check)

end_step
echo
read_cpu
echo "== Done in ${SECONDS} s (CPU ${cpu} s)"
