#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "proj.h"

int main(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 5;
	struct stack s = { .n = 0 };
	for (int i = 1; i <= n; i++)
		stack_push(&s, i * i);
	printf("popped:");
	while (s.n > 0)
		printf(" %d", stack_pop(&s));
	printf("\n");
	char word[] = "corpus make project";
	str_reverse(word);
	printf("reversed: %s (%zu spaces)\n", word, str_count(word, ' '));
	printf("fib(%d) = %ld\n", 3 * n, fib(3 * n));
	int primes = 0;
	for (int i = 0; i < 100 * n; i++)
		primes += is_prime(i);
	printf("%d primes below %d\n", primes, 100 * n);
	const char *keys[] = { "alpha", "beta", "gamma", "beta" };
	for (int i = 0; i < 4; i++)
		table_put(keys[i], i);
	int v = -1;
	table_get("beta", &v);
	printf("table: %d keys, beta=%d\n", table_size(), v);
	return 0;
}
