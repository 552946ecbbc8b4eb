/* The x86-64 GNU/Linux target description served by qXfer:features:read,
 * written from the GDB manual ("Target Description Format", "i386
 * Features"). gdb numbers registers in the order it reads them, following
 * the includes of target.xml, so this order is the register numbering of
 * x86_regs.h and the g layout of x86_regs.c: change all three together.
 * The numbering is pinned with regnum= where each feature starts. */
#include "gdbstub/x86_regs.h"

#include <string.h>

#define XML_HEAD "<?xml version=\"1.0\"?>"
#define FEATURE_HEAD(name)                                                   \
	XML_HEAD "<!DOCTYPE feature SYSTEM \"gdb-target.dtd\">"              \
		 "<feature name=\"" name "\">"

#define REG(name, bits, type) \
	"<reg name=\"" name "\" bitsize=\"" #bits "\" type=\"" type "\"/>"
#define REGN(name, bits, type, num)                                          \
	"<reg name=\"" name "\" bitsize=\"" #bits "\" type=\"" type          \
	"\" regnum=\"" #num "\"/>"
#define FLOATREG(name) \
	"<reg name=\"" name "\" bitsize=\"32\" type=\"int32\" group=\"float\"/>"
#define BIT(name, n) "<field name=\"" name "\" start=\"" #n "\" end=\"" #n "\"/>"

static const char target_xml[] =
	XML_HEAD
	"<!DOCTYPE target SYSTEM \"gdb-target.dtd\">"
	"<target>"
	"<architecture>i386:x86-64</architecture>"
	"<osabi>GNU/Linux</osabi>"
	"<xi:include href=\"64bit-core.xml\"/>"
	"<xi:include href=\"64bit-sse.xml\"/>"
	"<xi:include href=\"64bit-linux.xml\"/>"
	"<xi:include href=\"64bit-segments.xml\"/>"
	"</target>";

/* Registers 0-39. */
static const char core_xml[] =
	FEATURE_HEAD("org.gnu.gdb.i386.core")
	"<flags id=\"i386_eflags\" size=\"4\">"
	BIT("CF", 0) BIT("PF", 2) BIT("AF", 4) BIT("ZF", 6) BIT("SF", 7)
	BIT("TF", 8) BIT("IF", 9) BIT("DF", 10) BIT("OF", 11) BIT("NT", 14)
	BIT("RF", 16) BIT("VM", 17) BIT("AC", 18) BIT("VIF", 19)
	BIT("VIP", 20) BIT("ID", 21)
	"</flags>"
	REGN("rax", 64, "int64", 0) REG("rbx", 64, "int64")
	REG("rcx", 64, "int64") REG("rdx", 64, "int64")
	REG("rsi", 64, "int64") REG("rdi", 64, "int64")
	REG("rbp", 64, "data_ptr") REG("rsp", 64, "data_ptr")
	REG("r8", 64, "int64") REG("r9", 64, "int64")
	REG("r10", 64, "int64") REG("r11", 64, "int64")
	REG("r12", 64, "int64") REG("r13", 64, "int64")
	REG("r14", 64, "int64") REG("r15", 64, "int64")
	REG("rip", 64, "code_ptr") REG("eflags", 32, "i386_eflags")
	REG("cs", 32, "int32") REG("ss", 32, "int32") REG("ds", 32, "int32")
	REG("es", 32, "int32") REG("fs", 32, "int32") REG("gs", 32, "int32")
	REG("st0", 80, "i387_ext") REG("st1", 80, "i387_ext")
	REG("st2", 80, "i387_ext") REG("st3", 80, "i387_ext")
	REG("st4", 80, "i387_ext") REG("st5", 80, "i387_ext")
	REG("st6", 80, "i387_ext") REG("st7", 80, "i387_ext")
	FLOATREG("fctrl") FLOATREG("fstat") FLOATREG("ftag")
	FLOATREG("fiseg") FLOATREG("fioff") FLOATREG("foseg")
	FLOATREG("fooff") FLOATREG("fop")
	"</feature>";

#define VEC(id, type, count) \
	"<vector id=\"" id "\" type=\"" type "\" count=\"" #count "\"/>"
#define FIELD(name, type) "<field name=\"" name "\" type=\"" type "\"/>"
#define XMM(n) REG("xmm" #n, 128, "vec128")

/* Registers 40-56. */
static const char sse_xml[] =
	FEATURE_HEAD("org.gnu.gdb.i386.sse")
	VEC("v4f", "ieee_single", 4) VEC("v2d", "ieee_double", 2)
	VEC("v16i8", "int8", 16) VEC("v8i16", "int16", 8)
	VEC("v4i32", "int32", 4) VEC("v2i64", "int64", 2)
	"<union id=\"vec128\">"
	FIELD("v4_float", "v4f") FIELD("v2_double", "v2d")
	FIELD("v16_int8", "v16i8") FIELD("v8_int16", "v8i16")
	FIELD("v4_int32", "v4i32") FIELD("v2_int64", "v2i64")
	FIELD("uint128", "uint128")
	"</union>"
	"<flags id=\"i386_mxcsr\" size=\"4\">"
	BIT("IE", 0) BIT("DE", 1) BIT("ZE", 2) BIT("OE", 3) BIT("UE", 4)
	BIT("PE", 5) BIT("DAZ", 6) BIT("IM", 7) BIT("DM", 8) BIT("ZM", 9)
	BIT("OM", 10) BIT("UM", 11) BIT("PM", 12) BIT("FZ", 15)
	"</flags>"
	REGN("xmm0", 128, "vec128", 40)
	XMM(1) XMM(2) XMM(3) XMM(4) XMM(5) XMM(6) XMM(7) XMM(8) XMM(9)
	XMM(10) XMM(11) XMM(12) XMM(13) XMM(14) XMM(15)
	REG("mxcsr", 32, "i386_mxcsr")
	"</feature>";

/* Register 57: the syscall number at entry (-1 elsewhere), which gdb
 * needs to restart an interrupted syscall correctly. */
static const char linux_xml[] =
	FEATURE_HEAD("org.gnu.gdb.i386.linux")
	REGN("orig_rax", 64, "int64", 57)
	"</feature>";

/* Registers 58-59. */
static const char segments_xml[] =
	FEATURE_HEAD("org.gnu.gdb.i386.segments")
	REGN("fs_base", 64, "int64", 58) REG("gs_base", 64, "int64")
	"</feature>";

static const struct {
	const char *annex, *text;
	size_t len;
} docs[] = {
	{ "target.xml", target_xml, sizeof target_xml - 1 },
	{ "64bit-core.xml", core_xml, sizeof core_xml - 1 },
	{ "64bit-sse.xml", sse_xml, sizeof sse_xml - 1 },
	{ "64bit-linux.xml", linux_xml, sizeof linux_xml - 1 },
	{ "64bit-segments.xml", segments_xml, sizeof segments_xml - 1 },
};

const char *tdesc_xml(const char *annex, size_t *len)
{
	for (size_t i = 0; i < sizeof docs / sizeof docs[0]; i++)
		if (strcmp(annex, docs[i].annex) == 0) {
			if (len)
				*len = docs[i].len;
			return docs[i].text;
		}
	return NULL;
}
