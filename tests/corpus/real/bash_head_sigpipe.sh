#!/bin/bash
# Upstream writers killed by SIGPIPE when head exits: yes | head, seq |
# head, cat of a big file | head -c; PIPESTATUS shows 141 for the killed
# writer; an ignored SIGPIPE (trap '' PIPE) gives EPIPE errors instead.
# corpus: native=same
export LC_ALL=C
yes | head -n 3
echo "yes|head: ${PIPESTATUS[*]}"
yes corpus | head -c 20; echo
echo "yes|head -c: ${PIPESTATUS[*]}"
seq 1 1000000 | head -n 2
echo "seq|head: ${PIPESTATUS[*]}"
seq 1 100000 | sed -n '5p;6q'
echo "seq|sed q: ${PIPESTATUS[*]}"
( trap '' PIPE; yes 2>/dev/null | head -n 1; echo "ignored: ${PIPESTATUS[*]}" )
( trap '' PIPE; seq 1 1000000 2>&1 | head -n 1 >/dev/null; echo "ignored seq: ${PIPESTATUS[*]}" )
