#!/bin/sh
# Check the Debian packages heisen needs; install the missing ones when root.
pkgs="gcc make libelf-dev libcapstone-dev python3-pytest gdb strace libssl-dev tmux sqlite3 git perl clang-14 libclang-rt-14-dev"
missing=""
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ]; then
	echo "heisen: installing missing Debian packages:$missing" >&2
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null || {
		echo "heisen: apt-get install failed for:$missing" >&2; exit 1; }
else
	echo "heisen: missing Debian packages:$missing (run as root, or: sudo apt-get install$missing)" >&2
	exit 1
fi
