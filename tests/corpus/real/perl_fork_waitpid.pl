#!/usr/bin/perl
# perl fork + waitpid: children exit with their own statuses ($? >> 8),
# one dies by a signal ($? & 127), one writes through a pipe to the
# parent; wait() collects the rest until it returns -1.
# corpus: native=same
use strict;
use warnings;
use POSIX ":sys_wait_h";

$| = 1;
my @kids;
for my $i (0 .. 3) {
	my $pid = fork() // die "fork: $!";
	if ($pid == 0) { exit(20 + $i); }
	push @kids, $pid;
}
for my $i (0 .. $#kids) {
	waitpid($kids[$i], 0) == $kids[$i] or die "waitpid";
	printf "child %d exited %d\n", $i, $? >> 8;
}
pipe(my $r, my $w) or die "pipe: $!";
my $pid = fork() // die;
if ($pid == 0) {
	close $r;
	print $w "line $_ from the child\n" for 1 .. 5;
	close $w;
	exit 0;
}
close $w;
my @lines = <$r>;
close $r;
waitpid($pid, 0);
print "parent read ", scalar(@lines), " lines, last: $lines[-1]";
$pid = fork() // die;
if ($pid == 0) { sleep 10; exit 1; }
kill 'TERM', $pid;
waitpid($pid, 0);
printf "signaled child: signal %d (TERM is 15)\n", $? & 127;
for (1 .. 3) { my $p = fork() // die; exit(1) if $p == 0; }
my $n = 0;
$n++ while wait() != -1;
print "wait collected $n more\n";
