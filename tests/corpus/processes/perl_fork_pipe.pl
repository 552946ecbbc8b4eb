#!/usr/bin/perl
# Perl's process primitives: fork/waitpid with $?, pipe() between parent
# and child, open with "-|" (implicit fork reading a child's output),
# open to a command, system and backticks, kill of a child.
# corpus: native=same
use strict;
use warnings;
use POSIX ();
$| = 1;

my @kids;
for my $i (1 .. 4) {
	my $pid = fork() // die "fork: $!";
	if ($pid == 0) { POSIX::_exit($i * 3); }
	push @kids, $pid;
}
my $sum = 0;
for my $pid (@kids) { waitpid($pid, 0); $sum += $? >> 8; }
print "four children, exit codes sum $sum\n";

pipe(my $r, my $w) or die;
my $pid = fork() // die;
if ($pid == 0) { close $r; print $w "line $_\n" for 1 .. 3; close $w; POSIX::_exit(0); }
close $w;
my @lines = <$r>;
waitpid($pid, 0);
print "pipe: got ", scalar(@lines), " lines, last: $lines[-1]";

my $cpid = open(my $fh, "-|") // die;
if ($cpid == 0) { print "from the implicit fork\n"; exit 7; }
my $got = <$fh>;
close $fh;
print "open -|: $got", "  status ", $? >> 8, "\n";

open(my $sorter, "|-", "/usr/bin/sort", "-r") or die;
print $sorter "$_\n" for qw(a c b);
close $sorter;
print "sort exit ", $? >> 8, "\n";

my $out = `echo backticks; exit 2`;
print "backticks: $out", "  status ", $? >> 8, "\n";
system("/bin/sh", "-c", "exit 9");
print "system: ", $? >> 8, "\n";

$pid = fork() // die;
if ($pid == 0) { sleep 30; POSIX::_exit(0); }
kill 'TERM', $pid;
waitpid($pid, 0);
print "killed child: signal ", $? & 127, "\n";
exit 0;
