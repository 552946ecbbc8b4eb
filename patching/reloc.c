#define _GNU_SOURCE
#include "patching/reloc.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

int reloc_why(char *buf, size_t len, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, len, fmt, ap);
	va_end(ap);
	return 1;
}

static int jcc_code(unsigned id)
{
	switch (id) {
	case X86_INS_JO: return 0;  case X86_INS_JNO: return 1;
	case X86_INS_JB: return 2;  case X86_INS_JAE: return 3;
	case X86_INS_JE: return 4;  case X86_INS_JNE: return 5;
	case X86_INS_JBE: return 6; case X86_INS_JA: return 7;
	case X86_INS_JS: return 8;  case X86_INS_JNS: return 9;
	case X86_INS_JP: return 10; case X86_INS_JNP: return 11;
	case X86_INS_JL: return 12; case X86_INS_JGE: return 13;
	case X86_INS_JLE: return 14; case X86_INS_JG: return 15;
	default: return -1;
	}
}

/* Instructions whose behaviour depends on where they are in a way a copy
 * cannot reproduce, or that must never run from the trampoline. */
static int never_relocated(unsigned id)
{
	switch (id) {
	case X86_INS_SYSCALL: case X86_INS_SYSENTER: case X86_INS_SYSRET:
	case X86_INS_INT: case X86_INS_INT1: case X86_INS_INT3:
	case X86_INS_INTO: case X86_INS_UD0: case X86_INS_UD2:
	case X86_INS_UD2B: case X86_INS_HLT: case X86_INS_IRET:
	case X86_INS_IRETD: case X86_INS_IRETQ: case X86_INS_LJMP:
	case X86_INS_LCALL: case X86_INS_LOOP: case X86_INS_LOOPE:
	case X86_INS_LOOPNE: case X86_INS_JRCXZ: case X86_INS_JECXZ:
	case X86_INS_JCXZ: case X86_INS_XBEGIN:
		return 1;
	default:
		return 0;
	}
}

static int is_rsp(x86_reg r)
{
	return r == X86_REG_RSP || r == X86_REG_ESP || r == X86_REG_SP;
}

int reloc_classify(csh h, const cs_insn *in, struct dinsn *d, int *falls,
		   int *is_call, char *wb, size_t wl)
{
	const cs_x86 *x = &in->detail->x86;

	memset(d, 0, sizeof *d);
	d->addr = in->address;
	d->len = (uint8_t)in->size;
	memcpy(d->bytes, in->bytes, in->size);
	d->kind = I_PLAIN;
	*falls = 1;
	*is_call = 0;
	if (never_relocated(in->id))
		return reloc_why(wb, wl, "'%s' at %#" PRIx64 " cannot be relocated",
			   in->mnemonic, in->address);
	for (int i = 0; i < x->op_count; i++) {
		const cs_x86_op *op = &x->operands[i];
		if (op->type != X86_OP_MEM || op->mem.base != X86_REG_RIP)
			continue;
		if (x->encoding.disp_offset == 0 || x->encoding.disp_size != 4)
			return reloc_why(wb, wl, "odd rip-relative encoding at %#" PRIx64,
				   in->address);
		d->riprel = 1;
		d->disp_off = x->encoding.disp_offset;
		d->mem_target = in->address + in->size + (int64_t)op->mem.disp;
	}
	if (d->riprel)
		d->kind = I_RIPREL;

	int imm = x->op_count == 1 && x->operands[0].type == X86_OP_IMM;
	if (cs_insn_group(h, in, X86_GRP_RET)) {
		*falls = 0;
	} else if (cs_insn_group(h, in, X86_GRP_CALL)) {
		*is_call = 1;
		if (imm) {
			d->kind = I_CALL_REL;
			d->br_target = (uint64_t)x->operands[0].imm;
			return 0;
		}
		/* `push ret ; jmp operand`: an operand read through rsp would
		 * see rsp already moved by the push. */
		const cs_x86_op *op = &x->operands[0];
		if (x->op_count != 1 || x->encoding.modrm_offset == 0 ||
		    (op->type == X86_OP_REG && is_rsp(op->reg)) ||
		    (op->type == X86_OP_MEM &&
		     (is_rsp(op->mem.base) || is_rsp(op->mem.index))))
			return reloc_why(wb, wl, "indirect call at %#" PRIx64
				   " cannot be relocated", in->address);
		d->kind = I_CALL_IND;
		d->modrm_off = x->encoding.modrm_offset;
	} else if (cs_insn_group(h, in, X86_GRP_JUMP)) {
		if (!imm) {
			*falls = 0; /* indirect jmp: copied as is */
			return 0;
		}
		d->br_target = (uint64_t)x->operands[0].imm;
		if (in->id == X86_INS_JMP) {
			d->kind = I_JMP;
			*falls = 0;
		} else {
			int cc = jcc_code(in->id);
			if (cc < 0)
				return reloc_why(wb, wl, "unknown branch '%s' at %#" PRIx64,
					   in->mnemonic, in->address);
			d->kind = I_JCC;
			d->cc = (uint8_t)cc;
		}
	} else if (cs_insn_group(h, in, X86_GRP_INT) ||
		   cs_insn_group(h, in, X86_GRP_IRET)) {
		return reloc_why(wb, wl, "'%s' at %#" PRIx64 " cannot be relocated",
			   in->mnemonic, in->address);
	}
	return 0;
}

int reloc_decode(csh h, struct reloc_plan *p, const uint8_t *code, uint64_t base,
		 size_t size, uint64_t rip, char *wb, size_t wl)
{
	cs_insn *in = cs_malloc(h);
	uint64_t a = rip;
	int rc = 0;

	if (!in)
		return reloc_why(wb, wl, "out of memory decoding the code");
	memset(p, 0, sizeof *p);
	p->start = rip;
	for (;;) {
		const uint8_t *c = code + (a - base);
		size_t sz = size - (size_t)(a - base);
		uint64_t addr = a;
		int falls, is_call;
		if (!cs_disasm_iter(h, &c, &sz, &addr, in)) {
			rc = reloc_why(wb, wl, "cannot decode the instruction at %#" PRIx64, a);
			break;
		}
		if ((rc = reloc_classify(h, in, &p->ins[p->n], &falls, &is_call, wb, wl)))
			break;
		p->n++;
		a += in->size;
		if (a - rip >= RELOC_JMP_LEN)
			break;
		if (is_call) {
			rc = reloc_why(wb, wl, "call at %#" PRIx64 " would return into "
				 "the patch", in->address);
			break;
		}
		if (!falls) {
			rc = reloc_why(wb, wl, "'%s' at %#" PRIx64 " does not fall "
				 "through and the patch needs %u more bytes", in->mnemonic,
				 in->address, (unsigned)(RELOC_JMP_LEN - (a - rip)));
			break;
		}
		if (p->n == RELOC_MAX_DISPLACED) {
			rc = reloc_why(wb, wl, "too many short instructions at %#" PRIx64,
				 rip);
			break;
		}
	}
	cs_free(in, 1);
	p->end = a;
	if (!rc)
		memcpy(p->orig, code + (rip - base), (size_t)(a - rip));
	return rc;
}

int reloc_rel_target(const cs_insn *in, uint64_t *tgt)
{
	const uint8_t *b = in->bytes;
	size_t i = 0, n = in->size, imm;

	while (i < n && (b[i] == 0x26 || b[i] == 0x2e || b[i] == 0x36 ||
			 b[i] == 0x3e || b[i] == 0x64 || b[i] == 0x65 ||
			 b[i] == 0x66 || b[i] == 0x67 || b[i] == 0xf0 ||
			 b[i] == 0xf2 || b[i] == 0xf3))
		i++;
	if (i < n && (b[i] & 0xf0) == 0x40)
		i++;
	if (i >= n)
		return 0;
	if ((b[i] >= 0x70 && b[i] <= 0x7f) || b[i] == 0xeb ||
	    (b[i] >= 0xe0 && b[i] <= 0xe3) || b[i] == 0xe8 || b[i] == 0xe9)
		imm = n - i - 1;
	else if (b[i] == 0x0f && i + 1 < n && (b[i + 1] & 0xf0) == 0x80)
		imm = n - i - 2;
	else
		return 0;
	int64_t rel;
	if (imm == 1)
		rel = (int8_t)b[n - 1];
	else if (imm == 2)
		rel = (int16_t)(b[n - 2] | b[n - 1] << 8);
	else if (imm == 4)
		rel = (int32_t)((uint32_t)b[n - 4] | (uint32_t)b[n - 3] << 8 |
				(uint32_t)b[n - 2] << 16 | (uint32_t)b[n - 1] << 24);
	else
		return 0;
	*tgt = in->address + in->size + (uint64_t)rel;
	return 1;
}

uint64_t code_here(const struct code *c)
{
	return c->base + c->n;
}

void code_put(struct code *c, const void *p, size_t len)
{
	if (c->n + len > c->limit) {
		c->bad = 1;
		return;
	}
	memcpy(c->b + c->n, p, len);
	c->n += len;
}

void code_put1(struct code *c, uint8_t v)
{
	code_put(c, &v, 1);
}

int32_t code_rel32(struct code *c, uint64_t end, uint64_t to)
{
	int64_t d = (int64_t)(to - end);
	if (d < INT32_MIN || d > INT32_MAX)
		c->bad = 1;
	return (int32_t)d;
}

void code_put32(struct code *c, int32_t v)
{
	code_put(c, &v, 4);
}

void code_put_riprel(struct code *c, const uint8_t *op, size_t oplen,
		       uint64_t target, size_t trail)
{
	code_put(c, op, oplen);
	code_put32(c, code_rel32(c, code_here(c) + 4 + trail, target));
}

void code_put_jmp(struct code *c, uint64_t to)
{
	code_put1(c, 0xe9);
	code_put32(c, code_rel32(c, code_here(c) + 4, to));
}

void reloc_put(struct code *c, const struct dinsn *d, uint64_t ret_slot,
	       reloc_map_fn *map, void *ctx)
{
	static const uint8_t push_slot[] = { 0xff, 0x35 };
	uint8_t b[16];
	uint64_t at = code_here(c);

	if (map)
		map(ctx, at, d->addr, 0);
	memcpy(b, d->bytes, d->len);
	switch (d->kind) {
	case I_JCC:
		code_put1(c, 0x0f);
		code_put1(c, (uint8_t)(0x80 | d->cc));
		code_put32(c, code_rel32(c, code_here(c) + 4, d->br_target));
		return;
	case I_JMP:
		code_put_jmp(c, d->br_target);
		return;
	case I_CALL_REL:
	case I_CALL_IND:
		/* push the original return address, then jump */
		code_put_riprel(c, push_slot, sizeof push_slot, ret_slot, 0);
		if (map)
			map(ctx, code_here(c), d->addr, 8);
		if (d->kind == I_CALL_REL) {
			code_put_jmp(c, d->br_target);
			return;
		}
		b[d->modrm_off] = (uint8_t)((b[d->modrm_off] & ~0x38) | (4 << 3));
		at = code_here(c);
		break;
	case I_PLAIN:
	case I_RIPREL:
		break;
	}
	if (d->riprel) {
		int32_t disp = code_rel32(c, at + d->len, d->mem_target);
		memcpy(b + d->disp_off, &disp, 4);
	}
	code_put(c, b, d->len);
}

