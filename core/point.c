#include "point.h"

#include <capstone/capstone.h>
#include <stddef.h>
#include <string.h>

#include "ptrace_util.h"

static uint64_t reg_value(const struct user_regs_struct *r, x86_reg reg,
			  uint64_t next_rip)
{
	switch (reg) {
	case X86_REG_RAX: case X86_REG_EAX: return r->rax;
	case X86_REG_RBX: case X86_REG_EBX: return r->rbx;
	case X86_REG_RCX: case X86_REG_ECX: return r->rcx;
	case X86_REG_RDX: case X86_REG_EDX: return r->rdx;
	case X86_REG_RSI: case X86_REG_ESI: return r->rsi;
	case X86_REG_RDI: case X86_REG_EDI: return r->rdi;
	case X86_REG_RBP: case X86_REG_EBP: return r->rbp;
	case X86_REG_RSP: case X86_REG_ESP: return r->rsp;
	case X86_REG_R8: return r->r8;
	case X86_REG_R9: return r->r9;
	case X86_REG_R10: return r->r10;
	case X86_REG_R11: return r->r11;
	case X86_REG_R12: return r->r12;
	case X86_REG_R13: return r->r13;
	case X86_REG_R14: return r->r14;
	case X86_REG_R15: return r->r15;
	case X86_REG_RIP: return next_rip;
	default: return 0;
	}
}

void point_mem_operand(const void *cs_x86_op_ptr, uint64_t next_rip, struct mem_operand *m)
{
	const cs_x86_op *op = cs_x86_op_ptr;
	*m = (struct mem_operand){op->mem.base, op->mem.index, op->mem.segment, op->mem.scale,
				  op->mem.disp, next_rip};
}

uint64_t point_operand_addr(const struct user_regs_struct *r, const struct mem_operand *m)
{
	uint64_t a = (uint64_t)m->disp;
	if (m->base != X86_REG_INVALID)
		a += reg_value(r, (x86_reg)m->base, m->next_rip);
	if (m->index != X86_REG_INVALID)
		a += reg_value(r, (x86_reg)m->index, m->next_rip) * (uint64_t)m->scale;
	if (m->segment == X86_REG_FS)
		a += r->fs_base;
	else if (m->segment == X86_REG_GS)
		a += r->gs_base;
	return a;
}

static uint64_t operand_addr(const struct user_regs_struct *r, const cs_x86_op *op,
			     uint64_t next_rip)
{
	struct mem_operand m;
	point_mem_operand(op, next_rip, &m);
	return point_operand_addr(r, &m);
}

void point_mem_capture(pid_t tid, const struct user_regs_struct *r,
		       struct point_mem *out)
{
	uint8_t code[16];
	struct err ignored;
	csh h;
	cs_insn *insn = NULL;
	memset(out, 0, sizeof *out);
	if (mem_read(tid, r->rip, code, sizeof code, &ignored) < 0 ||
	    cs_open(CS_ARCH_X86, CS_MODE_64, &h) != CS_ERR_OK)
		return;
	cs_option(h, CS_OPT_DETAIL, CS_OPT_ON);
	if (cs_disasm(h, code, sizeof code, r->rip, 1, &insn) == 1 &&
	    insn->id != X86_INS_LEA && insn->id != X86_INS_NOP) {
		const cs_x86 *x = &insn->detail->x86;
		uint64_t next = r->rip + insn->size;
		for (int i = 0; i < x->op_count && out->n < POINT_MAX_MEM; i++) {
			const cs_x86_op *op = &x->operands[i];
			if (op->type != X86_OP_MEM || !(op->access & CS_AC_READ))
				continue;
			int k = out->n;
			out->op[k].addr = operand_addr(r, op, next);
			out->op[k].len = op->size && op->size < 8 ? op->size : 8;
			if (mem_read(tid, out->op[k].addr, out->op[k].bytes,
				     out->op[k].len, &ignored) == 0)
				out->n++;
		}
	}
	if (insn)
		cs_free(insn, 1);
	cs_close(&h);
}

void point_insn_info(pid_t tid, uint64_t rip, struct insn_info *ii)
{
	uint8_t code[16];
	struct err ignored;
	csh h;
	cs_insn *insn = NULL;
	memset(ii, 0, sizeof *ii);
	if (mem_read(tid, rip, code, sizeof code, &ignored) < 0 ||
	    cs_open(CS_ARCH_X86, CS_MODE_64, &h) != CS_ERR_OK)
		return;
	cs_option(h, CS_OPT_DETAIL, CS_OPT_ON);
	if (cs_disasm(h, code, sizeof code, rip, 1, &insn) == 1) {
		const cs_x86 *x = &insn->detail->x86;
		ii->ok = 1;
		ii->len = insn->size;
		for (int i = 0; i < x->op_count; i++)
			if (x->operands[i].type == X86_OP_MEM &&
			    (x->operands[i].access & CS_AC_READ) &&
			    insn->id != X86_INS_LEA && insn->id != X86_INS_NOP)
				ii->reads_mem = 1;
		ii->rep_string = x->prefix[0] == X86_PREFIX_REP ||
				 x->prefix[0] == X86_PREFIX_REPNE;
		switch (insn->id) {
		case X86_INS_SYSCALL: case X86_INS_SYSENTER: case X86_INS_INT:
		case X86_INS_INT3: case X86_INS_INTO: case X86_INS_UD2:
		case X86_INS_RDTSC: case X86_INS_RDTSCP: case X86_INS_CPUID:
		case X86_INS_HLT: case X86_INS_PAUSE:
			ii->traps = 1;
			break;
		default:
			break;
		}
	}
	if (insn)
		cs_free(insn, 1);
	cs_close(&h);
}

int point_mem_matches(pid_t tid, const struct point_mem *want)
{
	struct err ignored;
	for (int i = 0; i < want->n; i++) {
		uint8_t got[8];
		if (mem_read(tid, want->op[i].addr, got, want->op[i].len, &ignored) < 0 ||
		    memcmp(got, want->op[i].bytes, want->op[i].len) != 0)
			return 0;
	}
	return 1;
}
