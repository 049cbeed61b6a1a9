/* validate.c - check the probe's answer field by field.
 *
 * The answer comes from a program we ran, which may not be Python, may
 * be broken, or may be hostile. Every field has a declared type; unknown,
 * missing or mistyped fields are errors, and values that would mislead a
 * build (an unknown ABI flag, a Py_GIL_DISABLED that is neither 0 nor 1,
 * a version that disagrees with itself) are refused here, before any
 * decision is made. */
#include "config.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "facts/derive.h"
#include "facts/facts.h"
#include "facts/validate.h"
#include "util/error.h"

typedef enum field_kind {
    F_STR,        /* str */
    F_STR_OPT,    /* str or None */
    F_INT,        /* int */
    F_BOOL,       /* bool */
    F_BOOL_OPT,   /* bool or None -> 1/0/-1 */
    F_VERSION,    /* [int, int, int, str, int] */
    F_STRLIST,    /* [str, ...] */
    F_ELF,        /* None or [int, int, int, int, str|None] */
    F_MAC,        /* None or [str, str] */
    F_CONFIG,     /* {name: str|int|None} with exactly the known names */
    F_PATHS,      /* [str, ...] of absolute paths; optional */
    F_DERIVED,    /* {fact: how} with str values; optional */
    F_UNKNOWN,    /* [str, ...] of PP_UNKNOWN_* names; optional */
    F_DIRS        /* [abs|None, abs|None, rel|None, rel|None]; optional */
} field_kind;

typedef struct field_spec {
    const char *key;
    field_kind kind;
    size_t offset;
} field_spec;

/* Optional fields may be absent, and mean "none" then. */
static int is_optional(field_kind kind)
{
    return kind == F_PATHS || kind == F_DERIVED || kind == F_UNKNOWN ||
           kind == F_DIRS;
}

#define RAW(member) offsetof(pp_raw_facts, member)

/* The protocol, field by field (data/probe.py writes them). */
static const field_spec fields[] = {
    {"source", F_STR, RAW(source)},
    {"sysconfigdata", F_STR_OPT, RAW(sysconfigdata)},
    {"config", F_CONFIG, RAW(config)},
    {"extension_suffixes", F_STRLIST, RAW(extension_suffixes)},
    {"include", F_STR, RAW(include)},
    {"platinclude", F_STR, RAW(platinclude)},
    {"stdlib", F_STR_OPT, RAW(stdlib)},
    {"platform", F_STR, RAW(platform)},
    {"system", F_STR, RAW(system)},
    {"machine", F_STR, RAW(machine)},
    {"libc", F_STR_OPT, RAW(libc)},
    {"build_details", F_STR_OPT, RAW(build_details)},
    {"implementation", F_STR, RAW(implementation)},
    {"version_info", F_VERSION, RAW(version)},
    {"impl_version", F_VERSION, RAW(impl_version)},
    {"hexversion", F_INT, RAW(hexversion)},
    {"sys_version", F_STR, RAW(sys_version)},
    {"abiflags", F_STR_OPT, RAW(abiflags)},
    {"executable", F_STR, RAW(executable)},
    {"base_executable", F_STR_OPT, RAW(base_executable)},
    {"prefix", F_STR, RAW(prefix)},
    {"base_prefix", F_STR, RAW(base_prefix)},
    {"exec_prefix", F_STR, RAW(exec_prefix)},
    {"base_exec_prefix", F_STR, RAW(base_exec_prefix)},
    {"sys_platform", F_STR, RAW(sys_platform)},
    {"maxsize", F_INT, RAW(maxsize)},
    {"byteorder", F_STR, RAW(byteorder)},
    {"gil_enabled", F_BOOL_OPT, RAW(gil_enabled)},
    {"gettotalrefcount", F_BOOL, RAW(gettotalrefcount)},
    {"maxunicode", F_INT, RAW(maxunicode)},
    {"multiarch", F_STR_OPT, RAW(multiarch)},
    {"cache_tag", F_STR_OPT, RAW(cache_tag)},
    {"elf", F_ELF, RAW(has_elf)},
    {"musl_version", F_STR_OPT, RAW(musl_version)},
    {"mac_ver", F_MAC, RAW(has_mac_ver)},
    {"depends", F_PATHS, RAW(depends)},
    {"derived", F_DERIVED, RAW(derived)},
    {"unknown", F_UNKNOWN, RAW(unknown)},
    {"install_dirs", F_DIRS, RAW(platlib)},
};

typedef struct checker {
    const char *context;
    pyprobe_error *error;
} checker;

static int bad(checker *c, const char *key, const char *what)
{
    pp_error_set(c->error, PYPROBE_ERR_PROTOCOL, c->context,
                 "invalid answer: field '%s' %s", key, what);
    return 0;
}

static int wrong_type(checker *c, const char *key, const pp_lit *value,
                      const char *expected)
{
    pp_error_set(c->error, PYPROBE_ERR_PROTOCOL, c->context,
                 "invalid answer: field '%s' is %s, expected %s", key,
                 pp_lit_type_name(value->type), expected);
    return 0;
}

static char *copy(checker *c, const char *text)
{
    char *result = strdup(text);
    if (!result)
        pp_error_nomem(c->error);
    return result;
}

static int take_str(checker *c, const char *key, const pp_lit *v, int optional,
                    char **out)
{
    if (optional && v->type == PP_LIT_NONE) {
        *out = NULL;
        return 1;
    }
    if (v->type != PP_LIT_STR)
        return wrong_type(c, key, v, optional ? "str or None" : "str");
    return (*out = copy(c, v->str)) != NULL;
}

static int take_int(checker *c, const char *key, const pp_lit *v,
                    long long *out)
{
    if (v->type != PP_LIT_INT)
        return wrong_type(c, key, v, "int");
    *out = v->integer;
    return 1;
}

static int take_version(checker *c, const char *key, const pp_lit *v,
                        pp_version *out)
{
    static const char *const levels[] = {"alpha", "beta", "candidate",
                                         "final"};
    if (v->type != PP_LIT_LIST || v->length != 5)
        return bad(c, key, "is not a 5-item version");
    for (size_t i = 0; i < 5; i++) {
        int want = i == 3 ? PP_LIT_STR : PP_LIT_INT;
        if ((int)v->items[i]->type != want)
            return bad(c, key, "is not a 5-item version");
        if (want == PP_LIT_INT &&
            (v->items[i]->integer < 0 || v->items[i]->integer > 100000))
            return bad(c, key, "has an out-of-range number");
    }
    int known = 0;
    for (size_t i = 0; i < 4; i++)
        known |= strcmp(v->items[3]->str, levels[i]) == 0;
    if (!known)
        return bad(c, key, "has an unknown release level");
    out->major = (long)v->items[0]->integer;
    out->minor = (long)v->items[1]->integer;
    out->micro = (long)v->items[2]->integer;
    out->serial = (long)v->items[4]->integer;
    return (out->releaselevel = copy(c, v->items[3]->str)) != NULL;
}

static int take_strlist(checker *c, const char *key, const pp_lit *v,
                        pp_strlist *out)
{
    if (v->type != PP_LIT_LIST)
        return wrong_type(c, key, v, "a list of str");
    for (size_t i = 0; i < v->length; i++) {
        if (v->items[i]->type != PP_LIT_STR)
            return bad(c, key, "holds a value that is not a str");
        if (!pp_strlist_push(out, v->items[i]->str)) {
            pp_error_nomem(c->error);
            return 0;
        }
    }
    return 1;
}

/* An absolute path: POSIX, or Windows (C:\\, C:/, \\\\server) for an
 * answer that describes a Windows interpreter. */
static int is_absolute(const char *p)
{
    int drive = ((p[0] >= 'A' && p[0] <= 'Z') ||
                 (p[0] >= 'a' && p[0] <= 'z')) && p[1] == ':' &&
                (p[2] == '\\' || p[2] == '/');
    return p[0] == '/' || drive || (p[0] == '\\' && p[1] == '\\');
}

static int take_paths(checker *c, const char *key, const pp_lit *v,
                      pp_strlist *out)
{
    if (!take_strlist(c, key, v, out))
        return 0;
    for (size_t i = 0; i < out->count; i++)
        if (!is_absolute(out->items[i]))
            return bad(c, key, "holds a path that is not absolute");
    return 1;
}

static int take_derived(checker *c, const char *key, const pp_lit *v,
                        pp_strlist *out)
{
    if (v->type != PP_LIT_DICT)
        return wrong_type(c, key, v, "dict");
    for (size_t i = 0; i < v->length; i++) {
        if (v->items[i]->type != PP_LIT_STR)
            return bad(c, key, "holds a value that is not a str");
        if (!pp_strlist_push(out, v->keys[i]) ||
            !pp_strlist_push(out, v->items[i]->str)) {
            pp_error_nomem(c->error);
            return 0;
        }
    }
    return 1;
}

static int take_unknown(checker *c, const char *key, const pp_lit *v,
                        pp_strlist *out)
{
    static const char *const known[] = {PP_UNKNOWN_LIBC, PP_UNKNOWN_ELF,
                                        PP_UNKNOWN_MAC_VER, PP_UNKNOWN_LINK,
                                        PP_UNKNOWN_LIBDIR};
    if (!take_strlist(c, key, v, out))
        return 0;
    for (size_t i = 0; i < out->count; i++) {
        int ok = 0;
        for (size_t j = 0; j < sizeof known / sizeof known[0]; j++)
            ok |= strcmp(out->items[i], known[j]) == 0;
        if (!ok)
            return bad(c, key, "names a fact that cannot be unknown");
    }
    return 1;
}

/* A path below an install prefix: not empty, not absolute, no ".."
 * component (it must stay below the prefix). */
static int is_below(const char *p)
{
    if (!p[0] || is_absolute(p) || p[0] == '\\')
        return 0;
    for (const char *part = p; *part;) {
        size_t n = strcspn(part, "/\\");
        if (n == 2 && part[0] == '.' && part[1] == '.')
            return 0;
        part += n;
        if (*part)
            part++;
    }
    return 1;
}

/* install_dirs: platlib and purelib (absolute), then the same below an
 * install prefix; each may be None (sysconfig could not say). */
static int take_dirs(checker *c, const char *key, const pp_lit *v,
                     pp_raw_facts *raw)
{
    char **slots[] = {&raw->platlib, &raw->purelib, &raw->platlib_rel,
                      &raw->purelib_rel};
    if (v->type != PP_LIT_LIST || v->length != 4)
        return bad(c, key, "is not a 4-item list");
    for (size_t i = 0; i < 4; i++) {
        if (!take_str(c, key, v->items[i], 1, slots[i]))
            return 0;
        if (!*slots[i])
            continue;
        if (i < 2 && !is_absolute(*slots[i]))
            return bad(c, key, "holds a path that is not absolute");
        if (i >= 2 && !is_below(*slots[i]))
            return bad(c, key, "holds a relative path that is empty, "
                               "absolute or leaves its prefix");
    }
    return 1;
}

static int take_elf(checker *c, const char *key, const pp_lit *v,
                    pp_raw_facts *raw)
{
    if (v->type == PP_LIT_NONE)
        return 1;
    if (v->type != PP_LIT_LIST || v->length != 5)
        return bad(c, key, "is neither None nor a 5-item list");
    long long *numbers[] = {&raw->elf_class, &raw->elf_data,
                            &raw->elf_machine, &raw->elf_flags};
    for (size_t i = 0; i < 4; i++) {
        if (v->items[i]->type != PP_LIT_INT || v->items[i]->integer < 0)
            return bad(c, key, "holds a value that is not a number");
        *numbers[i] = v->items[i]->integer;
    }
    if (!take_str(c, key, v->items[4], 1, &raw->elf_interp))
        return 0;
    raw->has_elf = 1;
    return 1;
}

static int take_mac(checker *c, const char *key, const pp_lit *v,
                    pp_raw_facts *raw)
{
    if (v->type == PP_LIT_NONE)
        return 1;
    if (v->type != PP_LIT_LIST || v->length != 2 ||
        v->items[0]->type != PP_LIT_STR || v->items[1]->type != PP_LIT_STR)
        return bad(c, key, "is neither None nor [release, machine]");
    raw->has_mac_ver = 1;
    return take_str(c, key, v->items[0], 0, &raw->mac_release) &&
           take_str(c, key, v->items[1], 0, &raw->mac_machine);
}

static int take_config(checker *c, const char *key, const pp_lit *v,
                       pp_raw_facts *raw)
{
    if (v->type != PP_LIT_DICT)
        return wrong_type(c, key, v, "dict");
    raw->config = calloc(pp_config_var_count, sizeof *raw->config);
    if (!raw->config) {
        pp_error_nomem(c->error);
        return 0;
    }
    if (v->length != pp_config_var_count)
        return bad(c, key, "does not hold exactly the expected variables");
    for (size_t i = 0; i < pp_config_var_count; i++) {
        pp_config_var *var = &raw->config[i];
        var->name = pp_config_var_names[i];
        const pp_lit *value = pp_lit_get(v, var->name);
        if (!value) {
            pp_error_set(c->error, PYPROBE_ERR_PROTOCOL, c->context,
                         "invalid answer: config variable %s is missing",
                         var->name);
            return 0;
        }
        switch (value->type) {
        case PP_LIT_NONE:
            var->kind = PP_CV_NONE;
            break;
        case PP_LIT_INT:
        case PP_LIT_BOOL:
            var->kind = PP_CV_INT;
            var->integer = value->integer;
            break;
        case PP_LIT_STR:
            var->kind = PP_CV_STR;
            if (!(var->str = copy(c, value->str)))
                return 0;
            break;
        default:
            pp_error_set(c->error, PYPROBE_ERR_PROTOCOL, c->context,
                         "invalid answer: config variable %s is a %s",
                         var->name, pp_lit_type_name(value->type));
            return 0;
        }
    }
    return 1;
}

static int take_field(checker *c, const field_spec *spec, const pp_lit *v,
                      pp_raw_facts *raw)
{
    void *slot = (char *)raw + spec->offset;
    switch (spec->kind) {
    case F_STR:
    case F_STR_OPT:
        return take_str(c, spec->key, v, spec->kind == F_STR_OPT, slot);
    case F_INT:
        return take_int(c, spec->key, v, slot);
    case F_BOOL:
        if (v->type != PP_LIT_BOOL)
            return wrong_type(c, spec->key, v, "bool");
        *(int *)slot = (int)v->integer;
        return 1;
    case F_BOOL_OPT:
        if (v->type == PP_LIT_NONE) {
            *(int *)slot = -1;
            return 1;
        }
        if (v->type != PP_LIT_BOOL)
            return wrong_type(c, spec->key, v, "bool or None");
        *(int *)slot = (int)v->integer;
        return 1;
    case F_VERSION:
        return take_version(c, spec->key, v, slot);
    case F_STRLIST:
        return take_strlist(c, spec->key, v, slot);
    case F_ELF:
        return take_elf(c, spec->key, v, raw);
    case F_MAC:
        return take_mac(c, spec->key, v, raw);
    case F_CONFIG:
        return take_config(c, spec->key, v, raw);
    case F_PATHS:
        return take_paths(c, spec->key, v, slot);
    case F_DERIVED:
        return take_derived(c, spec->key, v, slot);
    case F_UNKNOWN:
        return take_unknown(c, spec->key, v, slot);
    case F_DIRS:
        return take_dirs(c, spec->key, v, raw);
    }
    return 0;
}

/* Characters a file-name suffix may hold: what CPython, PyPy and GraalPy
 * produce, and nothing a shell, make or C would treat specially. */
static int is_safe_suffix(const char *s)
{
    if (s[0] != '.' && s[0] != '_')
        return 0;
    for (const char *p = s; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
              (*p >= '0' && *p <= '9') || *p == '.' || *p == '-' ||
              *p == '_'))
            return 0;
    return s[1] != '\0';
}

static int check_flag_var(checker *c, const pyprobe_facts *facts,
                          const char *name)
{
    const pp_config_var *var = pp_facts_config(facts, name);
    if (var->kind == PP_CV_NONE)
        return 1;
    if (var->kind == PP_CV_INT && (var->integer == 0 || var->integer == 1))
        return 1;
    if (var->kind == PP_CV_STR &&
        (strcmp(var->str, "0") == 0 || strcmp(var->str, "1") == 0))
        return 1;
    pp_error_set(c->error, PYPROBE_ERR_PROTOCOL, c->context,
                 "config variable %s is %s%s%s, expected 0 or 1", name,
                 var->kind == PP_CV_STR ? "'" : "",
                 var->kind == PP_CV_STR ? var->str : "an unexpected number",
                 var->kind == PP_CV_STR ? "'" : "");
    return 0;
}

static long long expected_hexversion(const pp_version *v)
{
    int level = 0xF;
    if (strcmp(v->releaselevel, "alpha") == 0)
        level = 0xA;
    else if (strcmp(v->releaselevel, "beta") == 0)
        level = 0xB;
    else if (strcmp(v->releaselevel, "candidate") == 0)
        level = 0xC;
    return ((long long)v->major << 24) | ((long long)v->minor << 16) |
           ((long long)v->micro << 8) | (level << 4) | v->serial;
}

/* Checks across fields: the answer must agree with itself. */
static int check_consistency(checker *c, pyprobe_facts *facts)
{
    pp_raw_facts *raw = &facts->raw;
    if (raw->version.major != 3 || raw->version.minor < 6) {
        pp_error_set(c->error, PYPROBE_ERR_UNSUPPORTED, c->context,
                     "Python %ld.%ld is not supported",
                     raw->version.major, raw->version.minor);
        pp_error_hint(c->error, "pyprobe needs CPython 3.6 or newer, or "
                                "PyPy 3");
        return 0;
    }
    if (raw->version.serial > 15 || raw->version.micro > 255 ||
        raw->version.minor > 255 ||
        raw->hexversion != expected_hexversion(&raw->version))
        return bad(c, "hexversion", "disagrees with version_info");
    for (const char *p = raw->implementation; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
              *p == '_'))
            return bad(c, "implementation", "is not a lower-case name");
    if (!raw->implementation[0])
        return bad(c, "implementation", "is empty");
    if (raw->abiflags) {
        const char *seen = raw->abiflags;
        for (const char *p = seen; *p; p++)
            if (!strchr("tdmu", *p) || strchr(p + 1, *p))
                return bad(c, "abiflags", "holds an unknown or repeated flag");
    }
    if (raw->maxsize != 0x7fffffffffffffffLL && raw->maxsize != 0x7fffffffLL)
        return bad(c, "maxsize", "is neither 2**63-1 nor 2**31-1");
    if (strcmp(raw->byteorder, "little") && strcmp(raw->byteorder, "big"))
        return bad(c, "byteorder", "is neither little nor big");
    if (raw->extension_suffixes.count == 0)
        return bad(c, "extension_suffixes", "is empty");
    for (size_t i = 0; i < raw->extension_suffixes.count; i++)
        if (!is_safe_suffix(raw->extension_suffixes.items[i]))
            return bad(c, "extension_suffixes",
                       "holds a suffix with unexpected characters");
    if (!raw->platform[0] || !raw->sys_platform[0] || !raw->system[0])
        return bad(c, "platform", "is empty");
    if (!raw->include[0])
        return bad(c, "include", "is empty");
    static const char *const flags[] = {"Py_GIL_DISABLED", "Py_DEBUG",
                                        "WITH_PYMALLOC", "Py_ENABLE_SHARED"};
    for (size_t i = 0; i < sizeof flags / sizeof flags[0]; i++)
        if (!check_flag_var(c, facts, flags[i]))
            return 0;
    const char *ext = pp_facts_config_str(facts, "EXT_SUFFIX");
    if (!ext || !is_safe_suffix(ext))
        return bad(c, "config.EXT_SUFFIX", "is missing or malformed");
    if (!pp_strlist_contains(&raw->extension_suffixes, ext))
        return bad(c, "config.EXT_SUFFIX", "is not among EXTENSION_SUFFIXES");
    const pp_config_var *gil = pp_facts_config(facts, "Py_GIL_DISABLED");
    int disabled = pp_config_flag(gil);
    if (disabled == 1 && (raw->version.minor < 13 ||
                          strcmp(raw->implementation, "cpython") != 0))
        return bad(c, "config.Py_GIL_DISABLED",
                   "is 1 on an interpreter without free-threaded builds");
    if (raw->abiflags && disabled >= 0 &&
        (strchr(raw->abiflags, 't') != NULL) != (disabled == 1)) {
        pp_error_set(c->error, PYPROBE_ERR_PROTOCOL, c->context,
                     "inconsistent build: Py_GIL_DISABLED is %d but "
                     "sys.abiflags is '%s'", disabled, raw->abiflags);
        return 0;
    }
    return 1;
}

pyprobe_status pp_facts_from_answer(pp_lit *answer, const char *python,
                                    const char *context,
                                    pyprobe_facts **result,
                                    pyprobe_error *error)
{
    checker c = {context, error};
    *result = NULL;
    if (answer->type != PP_LIT_DICT) {
        pp_lit_free(answer);
        return pp_error_set(error, PYPROBE_ERR_PROTOCOL, context,
                            "invalid answer: not a dict");
    }
    const pp_lit *unsupported = pp_lit_get(answer, "unsupported");
    if (unsupported && unsupported->type == PP_LIT_STR) {
        pp_error_set(error, PYPROBE_ERR_UNSUPPORTED, context,
                     "Python %s is not supported", unsupported->str);
        pp_error_hint(error, "pyprobe needs CPython 3.6 or newer, or PyPy 3");
        pp_lit_free(answer);
        return PYPROBE_ERR_UNSUPPORTED;
    }
    pyprobe_facts *facts = calloc(1, sizeof *facts);
    if (!facts) {
        pp_lit_free(answer);
        return pp_error_nomem(error);
    }
    facts->probe = answer;
    if (!(facts->python = copy(&c, python)))
        goto fail;
    for (size_t i = 0; i < answer->length; i++) {
        int known = 0;
        for (size_t j = 0; j < sizeof fields / sizeof fields[0]; j++)
            known |= strcmp(answer->keys[i], fields[j].key) == 0;
        if (!known) {
            pp_error_set(error, PYPROBE_ERR_PROTOCOL, context,
                         "invalid answer: unknown field '%s'",
                         answer->keys[i]);
            goto fail;
        }
    }
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
        const pp_lit *value = pp_lit_get(answer, fields[i].key);
        if (!value && is_optional(fields[i].kind))
            continue;
        if (!value) {
            pp_error_set(error, PYPROBE_ERR_PROTOCOL, context,
                         "invalid answer: field '%s' is missing",
                         fields[i].key);
            goto fail;
        }
        if (!take_field(&c, &fields[i], value, &facts->raw))
            goto fail;
    }
    if (!check_consistency(&c, facts))
        goto fail;
    if (pp_facts_derive(facts, context, error) != PYPROBE_OK)
        goto fail;
    *result = facts;
    return PYPROBE_OK;
fail:
    pyprobe_facts_free(facts);
    return error ? error->status : PYPROBE_ERR_PROTOCOL;
}

/* The probe's output is "pyprobe-probe N\n<literal>\nend\n". */
pyprobe_status pp_facts_from_output(const char *output, size_t length,
                                    const char *python,
                                    const pp_deadline *deadline,
                                    pyprobe_facts **facts,
                                    pyprobe_error *error)
{
    static const char header[] = "pyprobe-probe ";
    static const char trailer[] = "\nend\n";
    const size_t header_length = sizeof header - 1;
    const size_t trailer_length = sizeof trailer - 1;
    *facts = NULL;
    if (length == 0)
        return pp_error_set(error, PYPROBE_ERR_PROTOCOL, python,
                            "printed nothing: not a Python interpreter?");
    if (length < header_length || memcmp(output, header, header_length)) {
        size_t show = 0;
        while (show < length && show < 60 && output[show] != '\n')
            show++;
        pp_error_set(error, PYPROBE_ERR_PROTOCOL, python,
                     "not a Python interpreter: it printed '%.*s'",
                     (int)show, output);
        pp_error_hint(error, "give --python the path of a Python 3 "
                             "interpreter");
        return PYPROBE_ERR_PROTOCOL;
    }
    const char *line_end = memchr(output, '\n', length);
    if (!line_end)
        return pp_error_set(error, PYPROBE_ERR_PROTOCOL, python,
                            "its answer is truncated");
    size_t version_length = (size_t)(line_end - output) - header_length;
    if (version_length != 1 || output[header_length] != '0' + PP_PROBE_PROTOCOL)
        return pp_error_set(error, PYPROBE_ERR_PROTOCOL, python,
                            "answered in probe protocol '%.*s', this pyprobe "
                            "speaks %d",
                            (int)(version_length > 20 ? 20 : version_length),
                            output + header_length, PP_PROBE_PROTOCOL);
    const char *body = line_end + 1;
    size_t body_length = length - (size_t)(body - output);
    if (body_length < trailer_length ||
        memcmp(output + length - trailer_length, trailer, trailer_length))
        return pp_error_set(error, PYPROBE_ERR_PROTOCOL, python,
                            "its answer is truncated (no end marker)");
    body_length -= trailer_length;
    if (memchr(body, '\n', body_length))
        return pp_error_set(error, PYPROBE_ERR_PROTOCOL, python,
                            "its answer has extra lines");
    /* The script writes ascii(): anything else did not come from it. */
    for (size_t i = 0; i < body_length; i++) {
        unsigned char c = (unsigned char)body[i];
        if (c == 0)
            return pp_error_set(error, PYPROBE_ERR_PROTOCOL, python,
                                "its answer holds a NUL byte");
        if (c < 0x20 || c > 0x7e)
            return pp_error_set(error, PYPROBE_ERR_PROTOCOL, python,
                                "its answer holds a byte (0x%02x) that the "
                                "probe script never writes", c);
    }
    pp_lit *answer = NULL;
    pyprobe_status status = pp_lit_parse(body, body_length, python,
                                         deadline, &answer, error);
    if (status != PYPROBE_OK)
        return status;
    return pp_facts_from_answer(answer, python, python, facts, error);
}
