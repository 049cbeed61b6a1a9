/* tag_inputs.c - facts in, the inputs of packaging's tag rules out. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "facts/tag_inputs.h"

/* "14.5" -> 14, 5; "15" -> 15, -1; anything else -> -1, -1. */
static void parse_mac_release(const char *release, int *major, int *minor)
{
    *major = *minor = -1;
    int a, b, used = 0;
    if (sscanf(release, "%d.%d%n", &a, &b, &used) == 2 && used > 0) {
        *major = a;
        *minor = b;
    } else if (sscanf(release, "%d%n", &a, &used) == 1 &&
               release[used] == '\0') {
        *major = a;
    }
}

void pp_tag_inputs_from_facts(const pyprobe_facts *f,
                              pp_facts_tag_inputs *inputs)
{
    const pp_raw_facts *raw = &f->raw;
    pp_tag_inputs *in = &inputs->in;
    const pp_config_var *size = pp_facts_config(f, "Py_UNICODE_SIZE");
    memset(in, 0, sizeof *in);
    in->implementation = raw->implementation;
    in->major = (int)raw->version.major;
    in->minor = (int)raw->version.minor;
    /* interpreter_version(): str(py_version_nodot) when it is true. */
    const pp_config_var *nodot = pp_facts_config(f, "py_version_nodot");
    if (nodot->kind == PP_CV_STR)
        in->py_version_nodot = nodot->str;
    else if (nodot->kind == PP_CV_INT && nodot->integer) {
        snprintf(inputs->nodot_text, sizeof inputs->nodot_text, "%lld",
                 nodot->integer);
        in->py_version_nodot = inputs->nodot_text;
    }
    in->py_debug = pp_config_flag(pp_facts_config(f, "Py_DEBUG"));
    in->gil_disabled = pp_config_flag(pp_facts_config(f, "Py_GIL_DISABLED"));
    in->with_pymalloc = pp_config_flag(pp_facts_config(f, "WITH_PYMALLOC"));
    in->unicode_size = size->kind == PP_CV_INT ? (long)size->integer
                       : size->kind == PP_CV_STR ? strtol(size->str, NULL, 10)
                                                 : -1;
    in->has_gettotalrefcount = raw->gettotalrefcount;
    in->maxunicode = (long)raw->maxunicode;
    in->extension_suffixes = (const char *const *)raw->extension_suffixes.items;
    in->extension_suffix_count = raw->extension_suffixes.count;
    in->ext_suffix = pp_facts_config_str(f, "EXT_SUFFIX");
    in->system = raw->system;
    in->sysconfig_platform = raw->platform;
    in->is_32bit = f->pointer_size == 4;
    in->glibc_major = f->glibc_major;
    in->glibc_minor = f->glibc_minor;
    in->musl_major = f->musl_major;
    in->musl_minor = f->musl_minor;
    in->elf_known = raw->has_elf;
    in->elf_class = (int)raw->elf_class;
    in->elf_data = (int)raw->elf_data;
    in->elf_machine = (int)raw->elf_machine;
    in->elf_flags = (unsigned long)raw->elf_flags;
    in->mac_major = in->mac_minor = -1;
    if (raw->has_mac_ver) {
        parse_mac_release(raw->mac_release, &in->mac_major, &in->mac_minor);
        in->mac_machine = raw->mac_machine;
    }
    in->pyemscripten_platform_version =
        pp_facts_config_str(f, "PYEMSCRIPTEN_PLATFORM_VERSION");
}
