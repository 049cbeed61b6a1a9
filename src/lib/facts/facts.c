/* facts.c - reading the facts of an interpreter, and freeing them.
 * validate.c fills them from an answer, derive.c adds what follows. */
#include "config.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "facts/facts.h"

const char *const pp_config_var_names[] = {
    "ABIFLAGS", "ABI_THREAD", "CC", "CCSHARED", "EXT_SUFFIX", "HOST_GNU_TYPE",
    "INCLUDEPY", "LDLIBRARY", "LDSHARED", "LDVERSION", "LIBDEST", "LIBDIR",
    "LIBPL", "LIBRARY", "LIBS", "LINKFORSHARED", "MACHDEP",
    "MACOSX_DEPLOYMENT_TARGET", "MULTIARCH", "PYEMSCRIPTEN_PLATFORM_VERSION",
    "Py_DEBUG", "Py_ENABLE_SHARED", "Py_GIL_DISABLED", "Py_UNICODE_SIZE",
    "SIZEOF_VOID_P", "SOABI", "SYSLIBS", "VERSION", "WITH_PYMALLOC",
    "py_version_nodot",
};
const size_t pp_config_var_count =
    sizeof pp_config_var_names / sizeof pp_config_var_names[0];

const pp_config_var *pp_facts_config(const pyprobe_facts *facts,
                                     const char *name)
{
    for (size_t i = 0; i < pp_config_var_count; i++)
        if (strcmp(pp_config_var_names[i], name) == 0)
            return &facts->raw.config[i];
    return NULL;   /* a programming error: callers use known names */
}

int pp_facts_unknown(const pyprobe_facts *facts, const char *fact)
{
    return pp_strlist_contains(&facts->raw.unknown, fact);
}

const char *pp_facts_config_str(const pyprobe_facts *facts, const char *name)
{
    const pp_config_var *var = pp_facts_config(facts, name);
    return var && var->kind == PP_CV_STR ? var->str : NULL;
}

int pp_config_flag(const pp_config_var *var)
{
    if (!var || var->kind == PP_CV_NONE)
        return -1;
    if (var->kind == PP_CV_INT)
        return var->integer != 0;
    return strcmp(var->str, "1") == 0;
}

static void free_version(pp_version *v)
{
    free(v->releaselevel);
}

static void free_raw(pp_raw_facts *raw)
{
    /* Every string field of the protocol (validate.c's field table). */
    char *const strings[] = {
        raw->source, raw->sysconfigdata, raw->include, raw->platinclude,
        raw->stdlib, raw->platform, raw->system, raw->machine, raw->libc,
        raw->build_details, raw->implementation, raw->sys_version,
        raw->abiflags, raw->executable, raw->base_executable, raw->prefix,
        raw->base_prefix, raw->exec_prefix, raw->base_exec_prefix,
        raw->sys_platform, raw->byteorder, raw->multiarch, raw->cache_tag,
        raw->musl_version, raw->platlib, raw->purelib, raw->platlib_rel,
        raw->purelib_rel,
    };
    for (size_t i = 0; i < sizeof strings / sizeof strings[0]; i++)
        free(strings[i]);
    free_version(&raw->version);
    free_version(&raw->impl_version);
    pp_strlist_clear(&raw->extension_suffixes);
    free(raw->elf_interp);
    free(raw->mac_release);
    free(raw->mac_machine);
    pp_strlist_clear(&raw->depends);
    pp_strlist_clear(&raw->derived);
    pp_strlist_clear(&raw->unknown);
    if (raw->config)
        for (size_t i = 0; i < pp_config_var_count; i++)
            free(raw->config[i].str);
    free(raw->config);
}

void pyprobe_facts_free(pyprobe_facts *facts)
{
    if (!facts)
        return;
    free(facts->python);
    free_raw(&facts->raw);
    pp_lit_free(facts->probe);
    free(facts->version);
    free(facts->implementation_version);
    free(facts->version_short);
    free(facts->version_hex);
    free(facts->abi_tag);
    free(facts->interpreter_tag);
    free(facts->platform_tag);
    pp_strlist_clear(&facts->abi3_suffixes);
    pp_strlist_clear(&facts->abi3t_suffixes);
    free(facts->libpython);
    free(facts);
}

const char *pyprobe_facts_python(const pyprobe_facts *facts)
{
    return facts->python;
}
