// The parts of libxml2 that Links uses: the HTML parser and its tree.
// Debian builds libxml2 with ICU, whose headers Swift's clang importer cannot always find and
// which HTML parsing does not need.
#undef LIBXML_ICU_ENABLED
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/tree.h>

// libxml2's `xmlFree` is a global function pointer, a shared mutable variable to Swift 6.
static inline void clibxml2_free(void *memory) { xmlFree(memory); }
