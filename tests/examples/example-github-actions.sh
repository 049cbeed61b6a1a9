#!/bin/sh
# The README's GitHub Actions snippet (tests/examples/github-actions/
# workflow.yml), run step by step by tests/tools/github_runner.py the
# way the runner runs it: pyprobe --github-output --github-env in one
# step, the outputs and environment in the next. setup-python cannot run
# here: its part is played by PATH, with python as Debian's python3.11
# (under a directory whose name has a quote, $(...) and a newline, which
# reach the runner through $GITHUB_ENV) and as the recorded
# free-threaded 3.14t.
. "$(dirname "$0")/common.sh"
workflow=$examples/github-actions/workflow.yml
py=$(build_python) || exit 77
if ! "$py" -c 'import yaml' 2>/dev/null; then
    skip "$py has no PyYAML to read the workflow (apt-get install" \
         "python3-yaml, as in the README's Quick start)"
fi

# job NAME PYTHON EXPECTED: run the job with PYTHON as python.
job() {
    fake_path "$tmp/bin-$1" "$2"
    if ! PATH="$tmp/bin-$1:$PATH" "$py" \
            "$top_srcdir/tests/tools/github_runner.py" \
            run "$workflow" build > "$tmp/$1.out" 2> "$tmp/$1.err"; then
        fail "$1: the job failed:"; cat "$tmp/$1.err" "$tmp/$1.out"
        return
    fi
    if [ "$(cat "$tmp/$1.out")" = "$3" ]; then
        pass "$1: the job prints:"; sed 's/^/    /' "$tmp/$1.out"
    else
        fail "$1: the job printed:"; cat "$tmp/$1.out"
        echo "  expected:"; printf '%s\n' "$3"
    fi
}

hostile=$(printf '%s\n%s' "py'\$(x) #" 'dir')
mkdir -p "$tmp/$hostile" && ln -s "$py" "$tmp/$hostile/python3.11" ||
    fatal "cannot create the hostile directory"
job gil "$tmp/$hostile/python3.11" "build path: abi3
wheel tag: cp38-abi3-linux_x86_64"
job ft "$(stand_in cpython-3.14t)" "build path: version-specific
wheel tag: cp314-cp314t-linux_x86_64
free-threaded: free-threaded build: mypyc support there is experimental; allow it with --mypyc-free-threaded"

same_as_readme tests/examples/github-actions/workflow.yml "$workflow"
finish
