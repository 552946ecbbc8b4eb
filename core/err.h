/* Errors are returned, with context, never exit()ed deep inside.
 * A function that fails fills a struct err and returns -1 (or NULL); the
 * caller adds context with err_wrap() or prints it once at the top. */
#ifndef HEISEN_ERR_H
#define HEISEN_ERR_H

#include <stdarg.h>

struct err {
	char msg[1024];
	int sys; /* the errno of an err_sys, 0 otherwise */
};

/* Set the message (printf-style) and return -1. */
int err_set(struct err *e, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Same, with ": strerror(errno)" appended. */
int err_sys(struct err *e, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Prefix the existing message with more context: "ctx: old". Returns -1. */
int err_wrap(struct err *e, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
