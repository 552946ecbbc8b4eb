#!/usr/bin/perl
# perl %SIG handlers: kill to itself (USR1, USR2, HUP) with counts, a
# ualarm interrupting a select sleep through die in a local $SIG{ALRM}, a
# child signalling its parent, an ignored signal and an exiting TERM handler.
# corpus: native=same
use strict;
use warnings;
use Time::HiRes qw(ualarm);

$| = 1;
my %count;
$SIG{USR1} = sub { $count{USR1}++ };
$SIG{USR2} = sub { $count{USR2}++ };
$SIG{HUP}  = sub { $count{HUP}++ };
kill 'USR1', $$ for 1 .. 4;
kill 'USR2', $$;
kill 'HUP', $$;
print join(" ", map { "$_=$count{$_}" } sort keys %count), "\n";
my $r = eval {
	local $SIG{ALRM} = sub { die "alarm\n" };
	ualarm 50_000;
	select(undef, undef, undef, 5);
	ualarm 0;
	1;
};
print "alarm: ", ($r ? "no alarm" : $@);
my $pid = fork() // die;
if ($pid == 0) {
	kill 'USR1', getppid();
	exit 0;
}
waitpid($pid, 0);
print "after child's signal: USR1=$count{USR1}\n";
$SIG{USR2} = 'IGNORE';
kill 'USR2', $$;
print "ignored: USR2=$count{USR2}\n";
$SIG{TERM} = sub { print "TERM handler, exiting 6\n"; exit 6 };
kill 'TERM', $$;
sleep 5;
print "not reached\n";
