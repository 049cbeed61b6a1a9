/* tag_inputs.h - the values packaging.tags reads, taken from facts
 * (internal). The bridge between what an interpreter reported and the
 * tag rules in packaging/tags.c, used both for the tag list and for the
 * interpreter's own ABI_TAG and INTERPRETER_TAG, so the two never
 * disagree. */
#ifndef PP_TAG_INPUTS_H
#define PP_TAG_INPUTS_H

#include "facts/facts.h"
#include "packaging/tags.h"

/* What pp_sys_tags() and its helpers read, plus room for a
 * py_version_nodot that sysconfig gave as an integer. in.py_version_nodot
 * may point into nodot_text: use the struct where it was filled. */
typedef struct pp_facts_tag_inputs {
    pp_tag_inputs in;
    char nodot_text[24];
} pp_facts_tag_inputs;

/* Fill *inputs from facts. Needs the derived C library versions and
 * pointer size, so pp_facts_derive fills those first. The inputs point
 * into facts, which must outlive them. */
void pp_tag_inputs_from_facts(const pyprobe_facts *facts,
                              pp_facts_tag_inputs *inputs);

#endif
