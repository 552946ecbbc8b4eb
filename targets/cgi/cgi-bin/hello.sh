#!/bin/sh
# A CGI program in sh: one short text response naming its query.
printf 'Content-Type: text/plain\r\n\r\nhello from a sh script, query=%s\n' "$QUERY_STRING"
# TARGET_WIDEN only (tests): stay alive a moment after writing, so the
# server reads the output and sees EAGAIN before we exit.
if [ "$TARGET_WIDEN" = 1 ]; then sleep 0.005; fi
exit 0
