/* XSAVE images in a tracee's memory, found so that memory digests can
 * leave them out.
 *
 * An XSAVE, XSAVEC or XSAVES stores with the registers which state
 * components the processor holds as in use (the header's XSTATE_BV; XSAVEC
 * then writes only those components' areas). That tracking is the
 * processor's, not the program's: the kernel's save and restore around a
 * ptrace stop can leave SSE state marked in use where it was in its initial
 * state before, at random (seen under strace as under heisen). So ld.so's
 * lazy-binding trampoline (_dl_runtime_resolve_xsavec), which saves the
 * vector registers on the stack, leaves different bytes there at record
 * and at replay, as does a signal frame the kernel writes. The registers it
 * restores from them are the same either way: the difference is not the
 * program's state, and a digest that identifies a point must not see it. */
#ifndef HEISEN_XSAVE_IMAGE_H
#define HEISEN_XSAVE_IMAGE_H

#include <stdint.h>

/* Zero every XSAVE image found in buf, which holds len bytes of memory
 * from address addr: each 64-byte-aligned XSAVE header (the compacted
 * form's, or the standard form's after a plausible legacy area) with its
 * legacy area before it and its component areas after it, clipped to buf.
 * Returns how many images were found. */
int xsave_blank_images(uint8_t *buf, uint64_t len, uint64_t addr);

#endif
