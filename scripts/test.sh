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

total_passed=0
total_failed=0
total_skipped=0

# Prints the closing line. Every exit path after this point ends with it.
print_summary() {
    local line="$total_passed passed, $total_failed failed"
    if (( total_skipped > 0 )); then
        line+=", $total_skipped skipped"
    fi
    printf '%s\n' "$line"
}

# trx_attr COUNTERS NAME: the integer value of attribute NAME in the <Counters .../> element text, 0 when absent.
trx_attr() {
    local value
    value=$(sed -n "s/.* $2=\"\([0-9][0-9]*\)\".*/\1/p" <<<"$1")
    printf '%s' "${value:-0}"
}

# --- prerequisites ----------------------------------------------------------------------------------------------
command -v dotnet >/dev/null 2>&1 || { osched_log "error: dotnet is not on PATH"; print_summary; exit 1; }
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
    print_summary
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

# --- totals from the TRX files ----------------------------------------------------------------------------------
shopt -s nullglob
trx_files=("$RESULTS_DIR"/*.trx)
shopt -u nullglob

total_run=0
problems=()
for trx in "${trx_files[@]}"; do
    flat=$(tr '\r\n' '  ' <"$trx")
    counters=$(sed -n 's/.*\(<Counters [^>]*>\).*/\1/p' <<<"$flat")
    if [[ -z $counters ]]; then
        problems+=("${trx##*/} has no <Counters> element")
        continue
    fi
    total=$(trx_attr "$counters" total)
    executed=$(trx_attr "$counters" executed)
    passed=$(trx_attr "$counters" passed)
    failed=$(( $(trx_attr "$counters" failed) + $(trx_attr "$counters" error) \
        + $(trx_attr "$counters" timeout) + $(trx_attr "$counters" aborted) ))
    # The logger leaves notExecuted at 0 for skipped xunit tests and records them as results with
    # outcome="NotExecuted", so count those results and take the larger of the two.
    skipped=$(trx_attr "$counters" notExecuted)
    skipped_results=$(grep -o '<UnitTestResult [^>]*outcome="NotExecuted"' <<<"$flat" | wc -l) || true
    skipped_results=${skipped_results//[^0-9]/}
    (( ${skipped_results:-0} > skipped )) && skipped=$skipped_results
    # A test host that crashed or was stopped for hanging leaves outcome="Failed" (or "Aborted") with no failed
    # test, and the tests it had not reported yet missing: count such a run as one failure.
    outcome=$(sed -n 's/.*<ResultSummary [^>]*outcome="\([A-Za-z]*\)".*/\1/p' <<<"$flat")
    if (( failed == 0 )) && [[ $outcome != Completed && $outcome != Passed && -n $outcome ]]; then
        problems+=("${trx##*/}: the run ended with outcome $outcome but recorded no failed test (test host crash or hang?): counted as 1 failed")
        failed=1
    fi
    assembly=$(sed -n 's/.*<UnitTest [^>]*storage="\([^"]*\)".*/\1/p' <<<"$flat")
    assembly=${assembly##*/}
    osched_log "${trx##*/} (${assembly:-no test}): $total total, $executed executed, $passed passed, $failed failed, $skipped skipped"
    total_passed=$(( total_passed + passed ))
    total_failed=$(( total_failed + failed ))
    total_skipped=$(( total_skipped + skipped ))
    total_run=$(( total_run + executed ))
done

# The blame collector leaves an empty folder per test project.
find "$RESULTS_DIR" -mindepth 1 -type d -empty -delete 2>/dev/null || true

# --- benchmark smoke run ----------------------------------------------------------------------------------------
case $BENCHMARK in
    on) run_benchmark=1 ;;
    off) run_benchmark=0 ;;
    auto) if (( $# == 0 )); then run_benchmark=1; else run_benchmark=0; fi ;;
    *) osched_log "error: OSCHED_TEST_BENCHMARK is \"$BENCHMARK\"; expected auto, on or off"; print_summary; exit 1 ;;
esac
if (( run_benchmark )); then
    # The program the build above made (what `dotnet run -c Release --project tests/OrleansScheduler.Benchmarks`
    # runs), started directly so that the timeout's SIGTERM reaches it: it then kills its silos and Redis by pid.
    benchmark_args=(tests/OrleansScheduler.Benchmarks/bin/Release/net10.0/OrleansScheduler.Benchmarks.dll --quick)
    osched_log "benchmark smoke run: dotnet$(printf ' %q' "${benchmark_args[@]}")"
    benchmark_status=0
    timeout --kill-after=60s 10m dotnet "${benchmark_args[@]}" || benchmark_status=$?
    if (( benchmark_status == 0 )); then
        total_passed=$(( total_passed + 1 ))
    else
        total_failed=$(( total_failed + 1 ))
        # Exit codes of the harness: 1 missing or duplicated runs, 2 invalid command line or not Release, 3 crashed;
        # 124 or 137: stopped by the timeout.
        problems+=("the benchmark smoke run (--quick) exited with $benchmark_status: see its output above (silo logs, if kept, are under artifacts/benchmarks/)")
    fi
else
    osched_log "skipping the benchmark smoke run (dotnet test options were given; OSCHED_TEST_BENCHMARK=on runs it anyway)"
fi

exit_status=0
if (( ${#trx_files[@]} == 0 )); then
    problems+=("no TRX file was written to ${RESULTS_DIR#"$ROOT"/}: does the solution contain a test project?")
elif (( total_run == 0 )); then
    problems+=("no test ran (check the --filter, or whether the test projects contain tests)")
fi
if (( total_failed > 0 )); then
    problems+=("$total_failed test(s) failed: see the output above and the TRX files in ${RESULTS_DIR#"$ROOT"/}")
fi
if (( test_status != 0 )); then
    problems+=("dotnet test exited with $test_status")
fi
for problem in "${problems[@]}"; do
    osched_log "error: $problem"
    exit_status=1
done

print_summary
exit "$exit_status"
