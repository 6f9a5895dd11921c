/* rng.h — splitmix64: a small, fast generator with the same sequence on every
 * machine, for reproducible demo and benchmark data. Never for secrets
 * (domain/token.h draws those from libsodium). */
#ifndef KK_DOMAIN_RNG_H
#define KK_DOMAIN_RNG_H

#include <stdint.h>

struct rng {
	uint64_t state;
};

/* The next 64 bits of g's sequence. */
uint64_t rng_next(struct rng *g);
/* A number in [0, n) (n > 0). */
int rng_pick(struct rng *g, int n);
/* An index in [0, n) drawn with probability weight[i] / Σ weight (weights ≥ 0, Σ > 0). */
int rng_weighted(struct rng *g, const int *weight, int n);

#endif
