/* gdbstub/x86_regs.c and x86_tdesc.c: every register lands at the g
 * offset gdb computes from our target description, with the value ptrace
 * gave, and the description numbers the registers the way the layout
 * assumes. The expected offsets are the table checked against gdbserver;
 * the expected values are read from the ptrace structs by field name, not
 * through the module's own mapping. */
#include <string.h>

#include "gdbstub/x86_regs.h"
#include "tests/unit/check.h"

static const char *const names[X86_NREGS] = {
	"rax", "rbx", "rcx", "rdx", "rsi", "rdi", "rbp", "rsp",
	"r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15",
	"rip", "eflags", "cs", "ss", "ds", "es", "fs", "gs",
	"st0", "st1", "st2", "st3", "st4", "st5", "st6", "st7",
	"fctrl", "fstat", "ftag", "fiseg", "fioff", "foseg", "fooff", "fop",
	"xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5", "xmm6", "xmm7",
	"xmm8", "xmm9", "xmm10", "xmm11", "xmm12", "xmm13", "xmm14", "xmm15",
	"mxcsr", "orig_rax", "fs_base", "gs_base",
};

static uint64_t le_get(const uint8_t *p, size_t size)
{
	uint64_t v = 0;
	for (size_t i = 0; i < size; i++)
		v |= (uint64_t)p[i] << (8 * i);
	return v;
}

static uint64_t gpr_by_name(const struct user_regs_struct *g, int r)
{
	const unsigned long long v[] = {
		g->rax, g->rbx, g->rcx, g->rdx, g->rsi, g->rdi, g->rbp, g->rsp,
		g->r8, g->r9, g->r10, g->r11, g->r12, g->r13, g->r14, g->r15,
		g->rip, g->eflags, g->cs, g->ss, g->ds, g->es, g->fs, g->gs,
	};
	if (r < 24)
		return v[r];
	return r == 57 ? g->orig_rax : r == 58 ? g->fs_base : g->gs_base;
}

/* Distinct bytes everywhere, so a misplaced or swapped field shows. */
static void fill(struct x86_regs_in *in)
{
	memset(in, 0, sizeof *in);
	unsigned long long *w = (unsigned long long *)&in->gpr;
	for (size_t k = 0; k < sizeof in->gpr / 8; k++)
		w[k] = 0x0102030405060708ull + k * 0x1011121314151617ull;
	in->gpr.orig_rax = (unsigned long long)-1; /* not in a syscall */
	uint8_t *st = (uint8_t *)in->fpr.st_space;
	for (size_t i = 0; i < sizeof in->fpr.st_space; i++)
		st[i] = (uint8_t)(i * 7 + 3);
	uint8_t *xmm = (uint8_t *)in->fpr.xmm_space;
	for (size_t i = 0; i < sizeof in->fpr.xmm_space; i++)
		xmm[i] = (uint8_t)(i * 13 + 5);
	in->fpr.cwd = 0x037f;
	in->fpr.swd = (5 << 11) | 0x0041;
	in->fpr.ftw = 0xa5;
	in->fpr.fop = 0xf9d3;
	in->fpr.rip = 0x00abcdef12345678ull;
	in->fpr.rdp = 0x0077beef9abcdef0ull;
	in->fpr.mxcsr = 0x1fa5;
	in->have_fpr = 1;
}

static void test_slots(void)
{
	static const size_t want_off[X86_NREGS] = {
		0, 8, 16, 24, 32, 40, 48, 56, 64, 72, 80, 88, 96, 104, 112, 120,
		128, 136, 140, 144, 148, 152, 156, 160,
		164, 174, 184, 194, 204, 214, 224, 234,
		244, 248, 252, 256, 260, 264, 268, 272,
		276, 292, 308, 324, 340, 356, 372, 388,
		404, 420, 436, 452, 468, 484, 500, 516,
		532, 536, 544, 552,
	};
	size_t off, size, end = 0;
	for (int r = 0; r < X86_NREGS; r++) {
		CHECK(x86_reg_slot(r, &off, &size) == 0, "slot %d", r);
		EXPECT(off == want_off[r], "%s at %zu", names[r], off);
		EXPECT(off == end, "%s not right after the previous", names[r]);
		end = off + size;
	}
	EXPECT(end == X86_G_SIZE, "g ends at %zu", end);
	EXPECT(x86_reg_slot(X86_NREGS, &off, &size) < 0, "slot 60");
	EXPECT(x86_reg_slot(-1, &off, &size) < 0, "slot -1");
}

static void expect_fp_reg(const struct x86_regs_in *in, int r, const uint8_t *p,
			  size_t size)
{
	const struct user_fpregs_struct *f = &in->fpr;
	if (r < 32) {
		EXPECT(size == 10 && !memcmp(p, (uint8_t *)f->st_space + 16 * (r - 24), 10),
		       "%s", names[r]);
		return;
	}
	if (r >= 40 && r < 56) {
		EXPECT(size == 16 && !memcmp(p, (uint8_t *)f->xmm_space + 16 * (r - 40), 16),
		       "%s", names[r]);
		return;
	}
	const uint64_t want[] = {
		f->cwd, f->swd, x86_full_ftag(f), 0xcdef, 0x12345678,
		0xbeef, 0x9abcdef0, 0x1d3,
	};
	uint64_t w = r == 56 ? f->mxcsr : want[r - 32];
	EXPECT(size == 4 && le_get(p, size) == w, "%s = 0x%llx, want 0x%llx",
	       names[r], (unsigned long long)le_get(p, size),
	       (unsigned long long)w);
}

static void test_g(int have_fpr)
{
	struct x86_regs_in in;
	fill(&in);
	in.have_fpr = have_fpr;
	uint8_t g[X86_G_SIZE], unavail[X86_NREGS];
	memset(g, 0xee, sizeof g);
	x86_regs_to_g(&in, g, unavail);
	for (int r = 0; r < X86_NREGS; r++) {
		size_t off, size;
		x86_reg_slot(r, &off, &size);
		int fp = r >= 24 && r <= 56;
		EXPECT(unavail[r] == (fp && !have_fpr), "%s unavail %d", names[r],
		       unavail[r]);
		if (fp && have_fpr) {
			expect_fp_reg(&in, r, g + off, size);
		} else if (!fp) {
			uint64_t want = gpr_by_name(&in.gpr, r);
			if (size < 8)
				want &= (1ull << (8 * size)) - 1;
			EXPECT(le_get(g + off, size) == want, "%s = 0x%llx", names[r],
			       (unsigned long long)le_get(g + off, size));
		}

		uint8_t one[16];
		size_t one_size;
		int avail;
		CHECK(x86_reg_read(&in, r, one, &one_size, &avail) == 0, "read %d", r);
		EXPECT(one_size == size && avail == !unavail[r], "read %s size/avail",
		       names[r]);
		EXPECT(!avail || !memcmp(one, g + off, size), "read %s bytes", names[r]);
	}
	EXPECT(le_get(g + 536, 8) == ~0ull, "orig_rax -1 keeps its sign");
	uint8_t one[16];
	size_t size;
	int avail;
	EXPECT(x86_reg_read(&in, X86_NREGS, one, &size, &avail) < 0, "read 60");
	EXPECT(x86_reg_read(&in, -1, one, &size, &avail) < 0, "read -1");
}

/* Write an 80-bit value into stack position st (sign clear). */
static void set_st(struct user_fpregs_struct *f, int st, unsigned exponent,
		   uint64_t mantissa)
{
	uint8_t *p = (uint8_t *)f->st_space + 16 * st;
	for (int i = 0; i < 8; i++)
		p[i] = (uint8_t)(mantissa >> (8 * i));
	p[8] = (uint8_t)exponent;
	p[9] = (uint8_t)(exponent >> 8);
}

static uint16_t ftag_of(int top, unsigned ftw, struct user_fpregs_struct *f)
{
	f->swd = (unsigned short)(top << 11);
	f->ftw = (unsigned short)ftw;
	return x86_full_ftag(f);
}

static void test_ftag(void)
{
	const uint64_t one = 1ull << 63; /* integer bit: 1.0 with exponent 0x3fff */
	struct user_fpregs_struct f;
	memset(&f, 0, sizeof f);
	uint16_t t = ftag_of(0, 0, &f);
	EXPECT(t == 0xffff, "all empty: 0x%04x", t);

	/* physical register 3 is st(0) when TOP is 3 */
	set_st(&f, 0, 0x3fff, one);
	t = ftag_of(3, 1u << 3, &f);
	EXPECT(t == 0xff3f, "one valid at TOP=3: 0x%04x", t);

	/* +0.0 in st(0) (physical 0), 1.0 in st(1) (physical 1) */
	memset(&f, 0, sizeof f);
	set_st(&f, 1, 0x3fff, one);
	t = ftag_of(0, 0x03, &f);
	EXPECT(t == 0xfff1, "zero and valid: 0x%04x", t);

	/* TOP=7: physical 7 is st(0) = +inf, physical 0 is st(1) = a
	 * denormal, physical 1 is st(2) = an unnormal: all special */
	memset(&f, 0, sizeof f);
	set_st(&f, 0, 0x7fff, one);
	set_st(&f, 1, 0, 1);
	set_st(&f, 2, 0x3fff, 1);
	t = ftag_of(7, 0x83, &f);
	EXPECT(t == 0xbffa, "specials: 0x%04x", t);
	set_st(&f, 0, 0x7fff, one | 1); /* NaN */
	t = ftag_of(7, 0x80, &f);
	EXPECT(t == 0xbfff, "NaN: 0x%04x", t);
	/* exponent 0 with the integer bit set (pseudo-denormal) is no zero */
	memset(&f, 0, sizeof f);
	set_st(&f, 0, 0, one);
	t = ftag_of(0, 0x01, &f);
	EXPECT(t == 0xfffe, "pseudo-denormal: 0x%04x", t);
}

/* The value of attribute `attr` in the element starting at `elem`. */
static int attr(const char *elem, const char *attr, char *out, size_t n)
{
	const char *end = strchr(elem, '>');
	char key[32];
	snprintf(key, sizeof key, " %s=\"", attr);
	const char *p = strstr(elem, key);
	if (!p || !end || p > end)
		return -1;
	p += strlen(key);
	size_t len = strcspn(p, "\"");
	CHECK(len < n, "attribute %s too long", attr);
	memcpy(out, p, len);
	out[len] = 0;
	return 0;
}

static int count(const char *s, const char *what)
{
	int n = 0;
	for (const char *p = s; (p = strstr(p, what)); p++)
		n++;
	return n;
}

static void test_feature_doc(const char *annex, const char *feature)
{
	size_t len;
	const char *doc = tdesc_xml(annex, &len);
	CHECK(doc, "no %s", annex);
	EXPECT(len == strlen(doc), "%s length", annex);
	EXPECT(!strncmp(doc, "<?xml", 5), "%s starts with <?xml", annex);
	char want[80];
	snprintf(want, sizeof want, "<feature name=\"%s\">", feature);
	EXPECT(strstr(doc, want), "%s has %s", annex, want);
	EXPECT(count(doc, "<feature") == 1 && count(doc, "</feature>") == 1,
	       "%s feature elements balanced", annex);
}

/* Number the registers the way gdb does, following target.xml's includes:
 * an explicit regnum, else one more than the previous register. */
static void test_numbering(void)
{
	const char *target = tdesc_xml("target.xml", NULL);
	int next = 0, nregs = 0;
	for (const char *inc = target; (inc = strstr(inc, "<xi:include ")); inc++) {
		char href[64], buf[16];
		CHECK(attr(inc, "href", href, sizeof href) == 0, "include href");
		const char *doc = tdesc_xml(href, NULL);
		CHECK(doc, "target.xml includes %s, which is not served", href);
		for (const char *reg = doc; (reg = strstr(reg, "<reg ")); reg++) {
			char name[32];
			int num = next;
			CHECK(attr(reg, "name", name, sizeof name) == 0, "reg name");
			if (attr(reg, "regnum", buf, sizeof buf) == 0)
				num = atoi(buf);
			CHECK(num < X86_NREGS && nregs < X86_NREGS,
			      "%s numbered %d", name, num);
			EXPECT(num == nregs && !strcmp(name, names[num]),
			       "register %d in the description is %s (number %d)",
			       nregs, name, num);
			size_t off, size;
			x86_reg_slot(num, &off, &size);
			CHECK(attr(reg, "bitsize", buf, sizeof buf) == 0, "bitsize");
			EXPECT((size_t)atoi(buf) == 8 * size, "%s bitsize %s", name, buf);
			if (!strcmp(name, "orig_rax"))
				EXPECT(attr(reg, "regnum", buf, sizeof buf) == 0 &&
				       !strcmp(buf, "57"), "orig_rax regnum=\"57\"");
			next = num + 1;
			nregs++;
		}
	}
	EXPECT(nregs == X86_NREGS, "%d registers described", nregs);
}

static void test_tdesc(void)
{
	static const char target[] =
		"<?xml version=\"1.0\"?><!DOCTYPE target SYSTEM \"gdb-target.dtd\">"
		"<target><architecture>i386:x86-64</architecture>"
		"<osabi>GNU/Linux</osabi><xi:include href=\"64bit-core.xml\"/>"
		"<xi:include href=\"64bit-sse.xml\"/>"
		"<xi:include href=\"64bit-linux.xml\"/>"
		"<xi:include href=\"64bit-segments.xml\"/></target>";
	size_t len;
	const char *doc = tdesc_xml("target.xml", &len);
	CHECK(doc, "no target.xml");
	EXPECT(!strcmp(doc, target) && len == strlen(target), "target.xml is\n%s", doc);
	test_feature_doc("64bit-core.xml", "org.gnu.gdb.i386.core");
	test_feature_doc("64bit-sse.xml", "org.gnu.gdb.i386.sse");
	test_feature_doc("64bit-linux.xml", "org.gnu.gdb.i386.linux");
	test_feature_doc("64bit-segments.xml", "org.gnu.gdb.i386.segments");
	EXPECT(!tdesc_xml("64bit-avx.xml", &len), "unknown annex");
	EXPECT(!tdesc_xml("", &len), "empty annex");
	test_numbering();
}

int main(void)
{
	test_slots();
	test_g(1);
	test_g(0);
	test_ftag();
	test_tdesc();
	return check_failures ? 1 : 0;
}
