# harness.sh — shared helpers of the end-to-end CLI scripts (sourced, not run; CTest runs only
# tests/cli/*.sh). Expects $bin set to the treatysim executable.
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

failures=0
fail() {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}

# t ARGS...: runs treatysim; sets $status, $out (stdout) and $err (stderr), each without its
# final newline.
t() {
  "$bin" "$@" >"$tmp/stdout" 2>"$tmp/stderr"
  status=$?
  IFS= read -r -d '' out <"$tmp/stdout"
  IFS= read -r -d '' err <"$tmp/stderr"
  out=${out%$'\n'}
  err=${err%$'\n'}
}

# expect STATUS DESCRIPTION: checks the last command's status.
expect() {
  if [[ $status != "$1" ]]; then
    fail "$2: exit status $status, expected $1 (stdout: ${out:0:300}) (stderr: ${err:0:300})"
    return 1
  fi
}
# contains NEEDLE DESCRIPTION: stdout contains NEEDLE (taken literally).
contains() { [[ $out == *"$1"* ]] || fail "$2: expected '$1' in stdout, got: ${out:0:500}"; }
