# gdb on a caught httpd trace (race 1 of shared/races.md): used by
# `make demo` and by tests/test_hunt_targets.py, which reads its output.
#   gdb -x scripts/httpd-stuck.gdb  after  target remote | heisen replay --stdio -p SERVER TRACE
set pagination off
set confirm off
handle SIGPIPE nostop noprint
echo \n== forward to the end: the driver gave up and sent the server SIGTERM\n
continue
echo \n== every thread of the server\n
info threads
thread apply all bt
echo \n== the stuck client: its flag says write mode, its buffer is empty\n
thread 1
frame function io_loop
set $stuck = 0
set $i = 0
while $i < srv->accepted
  if srv->clients[$i] && srv->clients[$i]->send_ready && srv->clients[$i]->out_off == srv->clients[$i]->out_len
    set $stuck = srv->clients[$i]
  end
  set $i = $i + 1
end
print $stuck != 0
print $stuck->send_ready
print $stuck->out_len - $stuck->out_off
print $stuck->fd
echo \n== back to the last store to send_ready\n
watch -l $stuck->send_ready
reverse-continue
bt 3
print $stuck->send_ready
print $stuck->out_len - $stuck->out_off
echo \n== and to the store before it\n
reverse-continue
bt 3
print $stuck->out_len - $stuck->out_off
