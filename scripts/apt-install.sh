#!/usr/bin/env bash
# apt_install NAME PACKAGE...: install Debian packages as root (or with sudo) for `make test`.
# Sourced by scripts/ensure-*.sh; needs access to the Debian package mirrors.

apt_install() {
    local why="$1"
    shift
    local sudo=""
    if [ "$(id -u)" -ne 0 ]; then
        if command -v sudo >/dev/null 2>&1; then
            sudo="sudo"
        else
            echo "$why: $* missing and this user is not root; install the Debian package(s) by hand" >&2
            return 1
        fi
    fi
    echo "$why: installing Debian's $*" >&2
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get update -qq
    $sudo apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}
