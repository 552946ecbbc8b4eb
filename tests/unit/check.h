/* Assertions for the unit-test programs: CHECK stops the program at the
 * first failure (for tests whose later steps depend on earlier ones),
 * EXPECT counts failures in check_failures and goes on. */
#ifndef HEISEN_UNIT_CHECK_H
#define HEISEN_UNIT_CHECK_H

#include <stdio.h>
#include <stdlib.h>

static int check_failures __attribute__((unused));

#define CHECK_FAILED(...)                                                    \
	do {                                                                 \
		fprintf(stderr, "FAIL %s:%d: ", __FILE__, __LINE__);         \
		fprintf(stderr, __VA_ARGS__);                                \
		fputc('\n', stderr);                                         \
	} while (0)

#define CHECK(cond, ...)                                                     \
	do {                                                                 \
		if (!(cond)) {                                               \
			CHECK_FAILED(__VA_ARGS__);                           \
			exit(1);                                             \
		}                                                            \
	} while (0)

#define EXPECT(cond, ...)                                                    \
	do {                                                                 \
		if (!(cond)) {                                               \
			CHECK_FAILED(__VA_ARGS__);                           \
			check_failures++;                                    \
		}                                                            \
	} while (0)

#endif
