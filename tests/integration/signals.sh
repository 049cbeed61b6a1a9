#!/bin/sh
# signals.sh - stopping pyprobe stops what it runs. Each interpreter runs
# in a process group of its own, which a terminal's Ctrl-C or a CI job's
# SIGTERM to pyprobe's group does not reach; pyprobe ends those groups
# itself and then dies of the signal it got, so its caller sees that.

. "$(dirname "$0")/../lib.sh"
command -v pgrep >/dev/null 2>&1 || skip "pgrep is missing (procps)"

# A hanging "interpreter" that also starts a background child; both
# carry a marker in their command line.
marker=pyprobe-signals-$$
hang=$(fake_python hang "sh -c 'sleep 300; : $marker' &
exec sh -c 'sleep 300; : $marker'")

# stop SIGNAL EXIT [COMMAND...]: start pyprobe COMMAND on the hanging
# interpreter, send SIGNAL once it runs, and check how it ended.
stop() {
    st_signal=$1 st_exit=$2
    shift 2
    # A shell starts background jobs with SIGINT ignored, and pyprobe
    # keeps a signal ignored that its caller ignored: undo that first.
    env --default-signal=INT,QUIT "$PYPROBE" "$@" --python "$hang" \
        --timeout 120 >/dev/null 2>&1 &
    st_pid=$!
    st_waited=0
    while [ "$(pgrep -f "[$(printf %.1s "$marker")]${marker#?}" | wc -l)" -lt 2 ] &&
          [ $st_waited -lt 100 ]; do
        sleep 0.1
        st_waited=$((st_waited + 1))
    done
    kill -s "$st_signal" "$st_pid"
    wait "$st_pid"
    st_code=$?
    sleep 0.2
    st_left=$(pgrep -f "[$(printf %.1s "$marker")]${marker#?}" | wc -l)
    if [ "$st_code" -eq "$st_exit" ] && [ "$st_left" -eq 0 ]; then
        pass "$st_signal to pyprobe $*: exit $st_code, nothing left running"
    else
        fail "$st_signal to pyprobe $*: exit $st_code (expected $st_exit)," \
             "$st_left processes left running"
        pkill -f "[$(printf %.1s "$marker")]${marker#?}"
    fi
}

stop TERM 143
stop INT 130
stop HUP 129 --json
stop QUIT 131
stop TERM 143 tags
stop TERM 143 verify-import json
finish
