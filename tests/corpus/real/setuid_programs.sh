#!/bin/bash
# Set-user-ID and set-group-ID programs from Debian (passwd, chage, mount,
# su), run as root the way an admin script does. Their exec would turn
# address space randomization back on; heisen's mounts are nosuid, so they
# run as for root natively and replay at the recorded addresses.
# corpus: native=same
export LC_ALL=C
for f in /usr/bin/passwd /usr/bin/chage /usr/bin/mount; do
	[ -u "$f" ] || [ -g "$f" ] && echo "$(basename "$f") is set-user-ID or set-group-ID"
done
passwd --help | head -3
chage --help | head -2
mount --version | cut -d' ' -f1-2
su --help | grep -c -- '--login'
chage -l root | grep -c 'Password expires'
echo "exit statuses: $(passwd -S root >/dev/null; echo $?) $(mount --bogus 2>/dev/null; echo $?)"
