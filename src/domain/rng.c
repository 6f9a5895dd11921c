#include "domain/rng.h"

uint64_t rng_next(struct rng *g)
{
	uint64_t z = (g->state += 0x9E3779B97F4A7C15ULL);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

int rng_pick(struct rng *g, int n)
{
	return (int)(rng_next(g) % (uint64_t)n);
}

int rng_weighted(struct rng *g, const int *weight, int n)
{
	long total = 0;
	for (int i = 0; i < n; i++)
		total += weight[i];
	long x = (long)(rng_next(g) % (uint64_t)total);
	for (int i = 0; i < n; i++) {
		if (x < weight[i])
			return i;
		x -= weight[i];
	}
	return n - 1;
}
