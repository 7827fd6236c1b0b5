# harness.sh — shared helpers of the window's smoke tests (sourced, not run; CTest runs only
# tests/gui/*.sh, each under xvfb-run). Expects $gui (treatysim-gui) and $pixels
# (gui_pixel_check) to be set.
# The temporary folder, fail, t and expect come from the CLI scripts' harness; t runs $bin.
source "$(dirname "${BASH_SOURCE[0]}")/../../cli/lib/harness.sh"
bin=$gui

# run ARGS...: runs treatysim-gui; sets $status, $out and $err (stdout, stderr).
run() { t "$@"; }

# err_contains NEEDLE DESCRIPTION: stderr of the last run contains NEEDLE (literally).
err_contains() { [[ $err == *"$1"* ]] || fail "$2: expected '$1' on stderr, got: ${err:0:600}"; }

# at_least VALUE MINIMUM DESCRIPTION
at_least() {
  if ! [[ $1 =~ ^[0-9]+$ ]] || (($1 < $2)); then fail "$3: got '$1', expected at least $2"; fi
}

# at_most VALUE MAXIMUM DESCRIPTION
at_most() {
  if ! [[ $1 =~ ^[0-9]+$ ]] || (($1 > $2)); then fail "$3: got '$1', expected at most $2"; fi
}

# The outcome space of the default layout at 1280x800 (gui/logic/layout.cpp: x 294–922,
# y 39–531 under the 39 px top bar), inside its frame.
outcome_region=(300 70 615 470)

finish() {
  if ((failures > 0)); then
    echo "$failures check(s) failed" >&2
    exit 1
  fi
  exit 0
}
