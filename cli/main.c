/* heisen: record, replay and debug races. The subcommands are a table. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

static const struct command {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *summary;
} commands[] = {
	{"record", cmd_record, "run a program and record it into a trace"},
	{"replay", cmd_replay, "replay a trace (-a: without a debugger)"},
	{"dump", cmd_dump, "print every event of a trace"},
	{"ps", cmd_ps, "list the processes of a trace"},
	{"ls", cmd_ls, "list the traces in the trace directory"},
	{"hunt", cmd_hunt, "record a command under chaos until it fails"},
};

static int usage(FILE *f)
{
	fprintf(f, "usage: heisen COMMAND [OPTIONS] [ARGS]\n\ncommands:\n");
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		fprintf(f, "  %-8s %s\n", commands[i].name, commands[i].summary);
	fprintf(f, "\n'heisen COMMAND --help' describes each command. See docs/usage.md.\n");
	return f == stdout ? 0 : EXIT_HEISEN_ERROR;
}

int main(int argc, char **argv)
{
	if (argc < 2)
		return usage(stderr);
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") ||
	    !strcmp(argv[1], "help"))
		return usage(stdout);
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		if (!strcmp(argv[1], commands[i].name))
			return commands[i].run(argc - 1, argv + 1);
	fprintf(stderr, "heisen: unknown command '%s' (try 'heisen --help')\n", argv[1]);
	return EXIT_HEISEN_ERROR;
}
