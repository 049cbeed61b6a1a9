# m4-project.sh - sourced by the m4-*.sh tests after lib.sh: make a small
# Autoconf project that uses pyprobe.m4 from the source tree, and run it.
# PYPROBE is what configure reads, so the program under test is moved to
# pyprobe_bin and reached through PATH, as users have it.
pyprobe_bin=$PYPROBE
unset PYPROBE PYTHON PYPROBE_FLAGS CPPFLAGS CFLAGS
m4_bin=$T/m4-bin
mkdir "$m4_bin" && ln -s "$pyprobe_bin" "$m4_bin/pyprobe" ||
    fatal "cannot link pyprobe into $m4_bin"
PATH=$m4_bin:$PATH
export PATH

# m4_project DIR: write DIR/configure.ac from standard input (the lines
# between AC_PROG_CC and AC_OUTPUT) and generate configure. The project
# substitutes every public name into DIR/values (NAME=value lines) and
# the four conditionals into DIR/conditionals.
m4_project() {
    mkdir -p "$1/m4" || return 1
    cp "$top_srcdir/m4/pyprobe.m4" "$1/m4/" || return 1
    {
        echo 'AC_INIT([m4-test], [1.0])'
        echo 'm4_pattern_forbid([^PYPROBE_])'   # as pyprobe.m4(7) advises
        echo 'AC_CONFIG_HEADERS([config.h])'
        echo 'AC_PROG_CC'
        cat
        echo 'AC_CONFIG_FILES([values conditionals])'
        echo 'AC_OUTPUT'
    } > "$1/configure.ac"
    "$pyprobe_bin" --list-names | while read -r key meaning; do
        name=$(printf '%s' "$key" | tr a-z A-Z)
        printf '%s=@PYPROBE_%s@\n' "$name" "$name"
    done > "$1/values.in"
    for c in FREE_THREADED LIMITED_API ABI3T MYPYC; do
        printf '%s=@PYPROBE_%s_TRUE@1\n' "$c" "$c"
    done > "$1/conditionals.in"
    (cd "$1" && aclocal -I m4 && autoheader && autoconf) > "$1/autoconf.log" 2>&1 ||
        { cat "$1/autoconf.log"; return 1; }
}

# run_configure DIR [ARG]...: run DIR/configure; its output is in
# DIR/out, the error line (without "configure: error: ") in DIR/error.
run_configure() {
    dir=$1; shift
    (cd "$dir" && ./configure "$@") > "$dir/out" 2>&1
    code=$?
    sed -n 's/^configure: error: //p' "$dir/out" > "$dir/error"
    return $code
}
