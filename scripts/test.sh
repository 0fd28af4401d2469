#!/usr/bin/env bash
# The project's test command (the README's and CI's): builds OrleansScheduler.sln in Release, runs every test
# project, and prints as its last line the totals of all TRX files:
#
#     N passed, N failed            (", N skipped" is added when tests were skipped)
#
# Usage: scripts/test.sh [dotnet test options...]      e.g.  scripts/test.sh --filter Category=Unit
#
# Exits 0 only when the build and `dotnet test` succeed, at least one TRX file was written, at least one test ran
# and none failed. TRX files (one per test project) are kept in artifacts/test-results/ and replaced on every run.
# Installs redis-server (Debian package) when it is missing: the integration tests start their own. Installs chromium
# and chromium-driver (Debian packages) when missing: the browser tests drive a headless Chromium and fail without it.
#
# After the tests it runs the benchmark harness once with --quick (tests/OrleansScheduler.Benchmarks, about a
# minute), so the harness cannot rot. It asserts nothing about speed: it counts as one passed test, or as one failed
# test when it crashes or finds a run missing or duplicated. Its table goes to the output, its JSON to
# artifacts/benchmarks/.
#
# Environment: OSCHED_TEST_HANG_TIMEOUT  a test project that runs this long without finishing a test is stopped
#                                        and counted as failed (dotnet test --blame-hang-timeout); default 30m,
#                                        "off" disables.
#              OSCHED_FAULT_SEED         the seed of the seeded fault run (FaultTests' SeededFaultRunTests); a fresh
#                                        one by default, printed before the tests run: set it to replay a run's faults.
#              OSCHED_FUZZ_SEED          the seed of the fuzz test (PropertyTests' DefinitionFuzzTests, EndToEndTests'
#                                        FuzzTests); a fresh one by default, printed before the tests run: set it to
#                                        generate the same inputs again.
#              OSCHED_TEST_BENCHMARK     "auto" (default): the benchmark smoke run happens when no dotnet test
#                                        options were given (a filtered run skips it); "on": always; "off": never.
set -euo pipefail

OSCHED_SCRIPT_NAME=test.sh
ROOT=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=SCRIPTDIR/lib.sh
. "$ROOT/scripts/lib.sh"
cd "$ROOT"

SOLUTION=OrleansScheduler.sln
RESULTS_DIR=$ROOT/artifacts/test-results
HANG_TIMEOUT=${OSCHED_TEST_HANG_TIMEOUT:-30m}
BENCHMARK=${OSCHED_TEST_BENCHMARK:-auto}
export OSCHED_FAULT_SEED=${OSCHED_FAULT_SEED:-$(( (RANDOM << 15) | RANDOM ))}
export OSCHED_FUZZ_SEED=${OSCHED_FUZZ_SEED:-$(( (RANDOM << 15) | RANDOM ))}

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# The dev host (tools/OrleansScheduler.DevHost, built with the solution) sums the TRX files and prints the closing
# line.
DEVHOST_DLL=tools/OrleansScheduler.DevHost/bin/Release/net10.0/OrleansScheduler.DevHost.dll

# The closing line when no test result can be read (nothing ran, or the summary itself failed).
print_no_totals() {
    printf '0 passed, 0 failed\n'
}

# --- prerequisites ----------------------------------------------------------------------------------------------
command -v dotnet >/dev/null 2>&1 || { osched_log "error: dotnet is not on PATH"; print_no_totals; exit 1; }
if ! osched_apt_install redis-server redis-server; then
    osched_log "continuing without redis-server: tests that start Redis will fail"
fi
if ! osched_apt_install chromium chromium chromium-driver || ! osched_apt_install chromedriver chromium-driver; then
    osched_log "continuing without chromium or chromedriver: the browser tests will fail"
fi

rm -rf "$RESULTS_DIR"
mkdir -p "$RESULTS_DIR"

# --- build ------------------------------------------------------------------------------------------------------
osched_log "dotnet build $SOLUTION -c Release"
if ! dotnet build "$SOLUTION" -c Release -nologo; then
    osched_log "error: the build failed; no test ran"
    print_no_totals
    exit 1
fi

# --- test -------------------------------------------------------------------------------------------------------
# -m:1 runs the test projects one after another. Their TRX files are named <prefix>_<tfm>_<timestamp>.trx, and the
# logger picks the next free timestamp only against files that already exist: test projects finishing in the same
# second in parallel could overwrite each other's file. One project at a time also keeps the silo-process tests
# from competing for the two cores.
test_args=(test "$SOLUTION" -c Release --no-build -m:1
    --logger "trx;LogFilePrefix=osched"
    --results-directory "$RESULTS_DIR")
if [[ $HANG_TIMEOUT != off ]]; then
    test_args+=(--blame-hang-timeout "$HANG_TIMEOUT" --blame-hang-dump-type none)
fi
test_args+=("$@")

osched_log "seeded fault run: OSCHED_FAULT_SEED=$OSCHED_FAULT_SEED (set it to inject the same faults again)"
osched_log "fuzz test: OSCHED_FUZZ_SEED=$OSCHED_FUZZ_SEED (set it to generate the same inputs again)"
osched_log "dotnet$(printf ' %q' "${test_args[@]}")"
test_status=0
dotnet "${test_args[@]}" || test_status=$?

# The blame collector leaves an empty folder per test project.
find "$RESULTS_DIR" -mindepth 1 -type d -empty -delete 2>/dev/null || true

# --- benchmark smoke run ----------------------------------------------------------------------------------------
# Before the summary, which counts it as one more passed or failed check and reports its problem.
extra_passed=0
extra_failed=0
problems=()
case $BENCHMARK in
    on) run_benchmark=1 ;;
    off) run_benchmark=0 ;;
    auto) if (( $# == 0 )); then run_benchmark=1; else run_benchmark=0; fi ;;
    *) run_benchmark=-1; problems+=("OSCHED_TEST_BENCHMARK is \"$BENCHMARK\"; expected auto, on or off") ;;
esac
if (( run_benchmark == 1 )); then
    # The program the build above made (what `dotnet run -c Release --project tests/OrleansScheduler.Benchmarks`
    # runs), started directly so that the timeout's SIGTERM reaches it: it then kills its silos and Redis by pid.
    benchmark_args=(tests/OrleansScheduler.Benchmarks/bin/Release/net10.0/OrleansScheduler.Benchmarks.dll --quick)
    osched_log "benchmark smoke run: dotnet$(printf ' %q' "${benchmark_args[@]}")"
    benchmark_status=0
    timeout --kill-after=60s 10m dotnet "${benchmark_args[@]}" || benchmark_status=$?
    if (( benchmark_status == 0 )); then
        extra_passed=1
    else
        extra_failed=1
        # Exit codes of the harness: 1 missing or duplicated runs, 2 invalid command line or not Release, 3 crashed;
        # 124 or 137: stopped by the timeout.
        problems+=("the benchmark smoke run (--quick) exited with $benchmark_status: see its output above (silo logs, if kept, are under artifacts/benchmarks/)")
    fi
elif (( run_benchmark == 0 )); then
    osched_log "skipping the benchmark smoke run (dotnet test options were given; OSCHED_TEST_BENCHMARK=on runs it anyway)"
fi

# --- totals from the TRX files ----------------------------------------------------------------------------------
# The summary prints one line per TRX file and every problem on stderr, then the closing line on stdout, and exits 0
# only when a test ran and nothing failed (counting the benchmark smoke run, passed in as an extra check).
if [[ ! -f $DEVHOST_DLL ]]; then
    osched_log "error: $DEVHOST_DLL is missing: the build above should have made it"
    print_no_totals
    exit 1
fi
summary_args=(test-summary --results "${RESULTS_DIR#"$ROOT"/}" --test-status "$test_status"
    --extra-passed "$extra_passed" --extra-failed "$extra_failed")
for problem in "${problems[@]}"; do
    summary_args+=(--problem "$problem")
done
summary_status=0
dotnet "$DEVHOST_DLL" "${summary_args[@]}" || summary_status=$?
if (( summary_status > 1 )); then
    osched_log "error: the test summary failed (dotnet $DEVHOST_DLL exited with $summary_status)"
    print_no_totals
    exit 1
fi
exit "$summary_status"
