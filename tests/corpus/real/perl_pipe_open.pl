#!/usr/bin/perl
# perl pipe opens: open '-|' reading a command's output (list form, no
# shell), open '|-' writing into sort, a forking open '-|' with no
# command, and close() reporting each child's exit status in $?.
# corpus: native=same
use strict;
use warnings;

$| = 1;
open(my $in, '-|', 'seq', '1', '10') or die "seq: $!";
my $sum = 0;
$sum += $_ while <$in>;
close $in;
print "sum of seq: $sum, status ", $? >> 8, "\n";
open(my $out, '|-', 'sort', '-r') or die "sort: $!";
print $out "$_\n" for qw(pear apple fig banana);
close $out;
print "sort exited ", $? >> 8, "\n";
my $pid = open(my $kid, '-|') // die "fork: $!";
if ($pid == 0) {
	print "from the forked child $_\n" for 1 .. 3;
	exit 7;
}
my @got = <$kid>;
close $kid;
print "forked open read ", scalar(@got), " lines, child exited ", $? >> 8, "\n";
open(my $sh, '-|', 'sh -c "echo via shell; exit 3"') or die;
print "shell said: ", scalar(<$sh>);
close $sh;
print "shell exited ", $? >> 8, "\n";
open(my $both, '-|', 'sh', '-c', 'echo out; echo err 1>&2') or die;
my @o = <$both>;
close $both;
print "stdout lines: ", scalar(@o), "\n";
