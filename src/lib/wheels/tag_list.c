/* tag_list.c - the public face of wheel tags and wheel names: facts in,
 * the packaging.tags.sys_tags() list out, and wheel files ranked on it. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "facts/facts.h"
#include "facts/tag_inputs.h"
#include "packaging/platform_floor.h"
#include "packaging/tag_set.h"
#include "packaging/tags.h"
#include "packaging/wheelname.h"
#include "util/error.h"
#include "util/strindex.h"

struct pyprobe_tag_list {
    pp_strlist tags;
    pp_strindex *index;
};

struct pyprobe_wheel {
    pp_wheel_name parsed;
};

/* Tags that depend on a fact the source could not give are refused, not
 * guessed: the C library on Linux (manylinux, musllinux), the ELF header
 * of a 32-bit Linux interpreter, the macOS release. */
static pyprobe_status check_known(const pyprobe_facts *f,
                                  pyprobe_error *error)
{
    const char *system = f->raw.system;
    if (strcmp(system, "Linux") == 0 && pp_facts_unknown(f, PP_UNKNOWN_LIBC)) {
        pp_error_set(error, PYPROBE_ERR_USAGE, f->python,
                     "wheel tags depend on the target's C library, which "
                     "its description does not say");
        pp_error_hint(error, "give --libc glibc-X.Y, musl-X.Y or none");
        return PYPROBE_ERR_USAGE;
    }
    if (strcmp(system, "Linux") == 0 && pp_facts_unknown(f, PP_UNKNOWN_ELF))
        return pp_error_set(error, PYPROBE_ERR_UNSUPPORTED, f->python,
                            "wheel tags of a 32-bit Linux target depend on "
                            "its interpreter's ELF header, which its "
                            "description does not give");
    if (strcmp(system, "Darwin") == 0 &&
        pp_facts_unknown(f, PP_UNKNOWN_MAC_VER))
        return pp_error_set(error, PYPROBE_ERR_UNSUPPORTED, f->python,
                            "wheel tags of a macOS target depend on the "
                            "macOS release it runs, which its description "
                            "does not say");
    return PYPROBE_OK;
}

pyprobe_status pyprobe_tag_list_new(const pyprobe_facts *facts,
                                    pyprobe_tag_list **list,
                                    pyprobe_error *error)
{
    pyprobe_status known = check_known(facts, error);
    *list = NULL;
    if (known != PYPROBE_OK)
        return known;
    *list = calloc(1, sizeof **list);
    if (!*list)
        return pp_error_nomem(error);
    pp_facts_tag_inputs inputs;
    pp_tag_inputs_from_facts(facts, &inputs);
    pyprobe_status status = pp_sys_tags(&inputs.in, &(*list)->tags, error);
    if (status == PYPROBE_OK)
        status = pp_strindex_build(&(*list)->tags, &(*list)->index, error);
    if (status != PYPROBE_OK) {
        if (error && !error->context[0])
            snprintf(error->context, sizeof error->context, "%s",
                     facts->python);
        pyprobe_tag_list_free(*list);
        *list = NULL;
    }
    return status;
}

void pyprobe_tag_list_free(pyprobe_tag_list *list)
{
    if (!list)
        return;
    pp_strindex_free(list->index);
    pp_strlist_clear(&list->tags);
    free(list);
}

size_t pyprobe_tag_list_count(const pyprobe_tag_list *list)
{
    return list->tags.count;
}

const char *pyprobe_tag_list_at(const pyprobe_tag_list *list, size_t index)
{
    return index < list->tags.count ? list->tags.items[index] : NULL;
}

int pyprobe_tag_list_rank(const pyprobe_tag_list *list,
                          const pyprobe_wheel *wheel, size_t *rank)
{
    return pp_wheel_rank(&wheel->parsed, list->index, rank);
}

/* A tag "py-abi-platform" cut into its three parts. */
typedef struct tag_parts {
    const char *part[3];
    size_t length[3];
} tag_parts;

static int cut_tag(const char *tag, tag_parts *parts)
{
    const char *first = strchr(tag, '-');
    const char *second = first ? strchr(first + 1, '-') : NULL;
    if (!second)
        return 0;
    *parts = (tag_parts){{tag, first + 1, second + 1},
                         {(size_t)(first - tag), (size_t)(second - first - 1),
                          strlen(second + 1)}};
    return 1;
}

static int same_part(const tag_parts *a, const tag_parts *b, int i)
{
    return a->length[i] == b->length[i] &&
           memcmp(a->part[i], b->part[i], a->length[i]) == 0;
}

const char *pyprobe_tag_list_why_not(const pyprobe_tag_list *list,
                                     const pyprobe_wheel *wheel, char *reason,
                                     size_t size)
{
    size_t rank;
    if (pyprobe_tag_list_rank(list, wheel, &rank))
        return NULL;
    /* The Python and ABI tags go together in the interpreter's list
     * (cp313-abi3 but no cp313-cp313 on 3.14), so they are judged as a
     * pair: no pair fits and the wheel's ABI is one the interpreter
     * knows (with other Python tags), or its Python tag is not the
     * interpreter's own: python-tag; an ABI unknown here for the
     * interpreter's own Python tag: abi. A pair fits: a platform, and
     * of those the lowest floor above what an installable platform of
     * the same kind and architecture reaches. */
    int paired = 0, abi_known = 0, own_python = 0;
    tag_parts own;
    int have_own = list->tags.count && cut_tag(list->tags.items[0], &own);
    pp_platform_floor lowest = {NULL, 0, 0, ""};
    for (size_t w = 0; w < wheel->parsed.tags.count; w++) {
        tag_parts want, have;
        pp_platform_floor floor, here;
        if (!cut_tag(wheel->parsed.tags.items[w], &want))
            continue;
        own_python |= have_own && same_part(&want, &own, 0);
        int has_floor =
            pp_platform_floor_read(want.part[2], want.length[2], &floor);
        for (size_t t = 0; t < list->tags.count; t++) {
            if (!cut_tag(list->tags.items[t], &have) ||
                !same_part(&want, &have, 1))
                continue;
            abi_known = 1;
            if (!same_part(&want, &have, 0))
                continue;
            paired = 1;
            if (has_floor &&
                pp_platform_floor_read(have.part[2], have.length[2], &here) &&
                strcmp(here.family, floor.family) == 0 &&
                strcmp(here.arch, floor.arch) == 0 &&
                (!lowest.family || floor.major < lowest.major ||
                 (floor.major == lowest.major && floor.minor < lowest.minor)))
                lowest = floor;
        }
    }
    if (!paired)
        snprintf(reason, size, "%s",
                 abi_known || !own_python ? "python-tag" : "abi");
    else if (lowest.family)
        snprintf(reason, size, "needs-%s-%d.%d", lowest.family, lowest.major,
                 lowest.minor);
    else
        snprintf(reason, size, "platform");
    return reason;
}

pyprobe_status pyprobe_wheel_parse(const char *filename,
                                   pyprobe_wheel **wheel,
                                   pyprobe_error *error)
{
    *wheel = calloc(1, sizeof **wheel);
    if (!*wheel)
        return pp_error_nomem(error);
    pyprobe_status status = pp_wheel_name_parse(filename, &(*wheel)->parsed,
                                                error);
    if (status != PYPROBE_OK) {
        free(*wheel);
        *wheel = NULL;
    }
    return status;
}

void pyprobe_wheel_free(pyprobe_wheel *wheel)
{
    if (!wheel)
        return;
    pp_wheel_name_clear(&wheel->parsed);
    free(wheel);
}

const char *pyprobe_wheel_name(const pyprobe_wheel *w)
{
    return w->parsed.name;
}

const char *pyprobe_wheel_version(const pyprobe_wheel *w)
{
    return w->parsed.version;
}

const char *pyprobe_wheel_build(const pyprobe_wheel *w)
{
    return w->parsed.build;
}

const char *pyprobe_wheel_python_tags(const pyprobe_wheel *w)
{
    return w->parsed.python_tags;
}

const char *pyprobe_wheel_abi_tags(const pyprobe_wheel *w)
{
    return w->parsed.abi_tags;
}

const char *pyprobe_wheel_platform_tags(const pyprobe_wheel *w)
{
    return w->parsed.platform_tags;
}

size_t pyprobe_wheel_tag_count(const pyprobe_wheel *w)
{
    return w->parsed.tags.count;
}

const char *pyprobe_wheel_tag_at(const pyprobe_wheel *w, size_t index)
{
    return index < w->parsed.tags.count ? w->parsed.tags.items[index] : NULL;
}

int pyprobe_wheel_has_tags(const pyprobe_wheel *wheel, int part,
                           const char *tags)
{
    const char *set = part == 0 ? wheel->parsed.python_tags
                      : part == 1 ? wheel->parsed.abi_tags
                                  : wheel->parsed.platform_tags;
    return pp_tag_set_subset(tags, set);
}
