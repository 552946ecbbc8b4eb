#include "proj.h"

void stack_push(struct stack *s, int v)
{
	if (s->n < 64)
		s->items[s->n++] = v;
}

int stack_pop(struct stack *s)
{
	return s->n > 0 ? s->items[--s->n] : -1;
}
