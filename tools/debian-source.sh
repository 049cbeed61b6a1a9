#!/bin/sh
# Download a Debian source package (its .dsc, upstream tarball and
# Debian changes) into DIR, through a deb-src line of its own: the
# machine's package sources are not changed, and nothing is installed.
# The build scripts use it so that no other project's code is kept in
# this tree.
#
#   usage: debian-source.sh SUITE PACKAGE DIR
#
# SUITE is a Debian release (bookworm, trixie) or "-" for this
# machine's own. DIR must exist. Needs apt-get and access to
# deb.debian.org.
set -eu
usage="usage: debian-source.sh SUITE PACKAGE DIR"
suite=${1:?$usage}
package=${2:?$usage}
dir=${3:?$usage}
if [ "$suite" = - ]; then
    suite=$(. /etc/os-release && echo "${VERSION_CODENAME:-bookworm}")
fi
apt_state=$(mktemp -d)
trap 'rm -rf "$apt_state"' EXIT
mkdir -p "$apt_state/lists/partial" "$apt_state/cache/archives/partial"
echo "deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg]" \
     "http://deb.debian.org/debian $suite main" > "$apt_state/sources.list"
apt_options="-o Dir::Etc::SourceList=$apt_state/sources.list
  -o Dir::Etc::SourceParts=/dev/null -o Dir::State::Lists=$apt_state/lists
  -o Dir::Cache=$apt_state/cache -o APT::Sandbox::User=root -q"
# shellcheck disable=SC2086 # the options are words
apt-get $apt_options update >&2
# shellcheck disable=SC2086
(cd "$dir" && apt-get $apt_options source --download-only "$package" >&2)
