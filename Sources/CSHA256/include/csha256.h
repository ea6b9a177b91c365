#ifndef PORTICO_CSHA256_H
#define PORTICO_CSHA256_H

#include <stddef.h>
#include <stdint.h>

/// Runs SHA-256's compression function over `blocks` 64-byte blocks at `data`, updating `state` (8 words).
/// Uses the CPU's SHA instructions when it has them (x86-64 SHA-NI), portable C otherwise; both give the same words.
void portico_sha256_blocks(uint32_t state[8], const uint8_t *data, size_t blocks);

/// The portable path alone (for tests that compare both paths).
void portico_sha256_blocks_portable(uint32_t state[8], const uint8_t *data, size_t blocks);

/// 1 when `portico_sha256_blocks` uses the CPU's SHA instructions.
int portico_sha256_accelerated(void);

#endif
