#ifndef PROJ_H
#define PROJ_H
#include <stddef.h>

struct stack {
	int items[64];
	int n;
};
void stack_push(struct stack *s, int v);
int stack_pop(struct stack *s);

void str_reverse(char *s);
size_t str_count(const char *s, char c);

long fib(int n);
int is_prime(int n);

void table_put(const char *key, int value);
int table_get(const char *key, int *value);
int table_size(void);
#endif
