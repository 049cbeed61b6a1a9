/* wheelname.c - wheel filename parsing and ranking.
 *
 * The rules are those of packaging.utils.parse_wheel_filename() in
 * packaging 26.3 (which pyprobe's wheel checks must agree with):
 *   - the name ends in ".whl" (case-sensitive);
 *   - the rest holds 4 or 5 '-': name-version[-build]-python-abi-platform;
 *   - the name matches ^[\w._]+\Z and has no "__" (so it is not empty,
 *     and a final newline is not allowed either);
 *   - the version is a valid PEP 440 version;
 *   - a build tag starts with a digit;
 *   - each tag part is a '.'-separated compressed tag set with no empty
 *     member (26.3), each Python tag a Python identifier (26.3), expanded
 *     into lower-cased triples (packaging.tags.Tag lower-cases). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "packaging/pep440.h"
#include "packaging/tag_set.h"
#include "packaging/wheelname.h"
#include "util/error.h"
#include "util/strindex.h"

/* A compressed tag set cannot expand to more tags than this. A real
 * file name (at most 255 bytes) stays far below; the limit only stops a
 * hostile string from asking for billions of combinations. packaging
 * has no such limit. */
#define MAX_EXPANDED_TAGS ((size_t)1 << 20)

typedef struct span {
    const char *text;
    size_t length;
} span;

static char *copy_span(span s)
{
    char *copy = malloc(s.length + 1);
    if (copy) {
        memcpy(copy, s.text, s.length);
        copy[s.length] = '\0';
    }
    return copy;
}

/* Python's \w on a str pattern is any Unicode letter, digit or '_'. The
 * name is taken as UTF-8 bytes here, and every byte >= 0x80 counts as a
 * word character: a non-ASCII name is accepted whenever packaging would
 * accept it, and also in the rare case of non-word non-ASCII characters
 * (such as U+00A0), which packaging refuses. */
static int is_word_char(unsigned char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
           (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
}

/* NULL when the project name is acceptable, else why it is not. */
static const char *name_problem(span name)
{
    if (name.length == 0)
        return "it is empty";
    for (size_t i = 0; i < name.length; i++) {
        unsigned char c = (unsigned char)name.text[i];
        if (!is_word_char(c) && c != '.')
            return "only letters, digits, '_' and '.' are allowed";
        if (i > 0 && name.text[i] == '_' && name.text[i - 1] == '_')
            return "'__' is not allowed";
    }
    return NULL;
}

/* str.isidentifier(): a letter or '_', then letters, digits and '_'.
 * Non-ASCII bytes count as letters, as in is_word_char. */
static int is_identifier(const char *text, size_t length)
{
    if (length == 0 || (text[0] >= '0' && text[0] <= '9'))
        return 0;
    for (size_t i = 0; i < length; i++)
        if (!is_word_char((unsigned char)text[i]))
            return 0;
    return 1;
}

/* NULL when every member of the compressed tag set is acceptable, else
 * why one is not (packaging.tags.parse_tag). */
static const char *tag_set_problem(span set, int python_tags)
{
    const char *member = set.text, *end = set.text + set.length;
    for (;;) {
        const char *dot = memchr(member, '.', (size_t)(end - member));
        size_t length = (size_t)((dot ? dot : end) - member);
        if (length == 0)
            return "a compressed tag set has an empty member";
        if (python_tags && !is_identifier(member, length))
            return "a Python tag is not an identifier";
        if (!dot)
            return NULL;
        member = dot + 1;
    }
}

static size_t count_char(const char *text, size_t length, char c)
{
    size_t n = 0;
    for (size_t i = 0; i < length; i++)
        n += text[i] == c;
    return n;
}

/* Split text at every '.', lower-case each part, and keep each distinct
 * part once (first occurrence), as packaging's frozenset would. A hash
 * index keeps this linear however many parts there are. */
static pyprobe_status split_set(const char *text, pp_strlist *parts,
                                pyprobe_error *error)
{
    pp_strlist all = PP_STRLIST_INIT;
    const char *start = text;
    for (;;) {
        size_t length = strcspn(start, ".");
        if (!pp_strlist_append(&all, start, length))
            goto nomem;
        pp_lower_ascii(all.items[all.count - 1]);
        if (start[length] == '\0')
            break;
        start += length + 1;
    }
    pp_strindex *index;
    if (pp_strindex_build(&all, &index, error) != PYPROBE_OK) {
        pp_strlist_clear(&all);
        return PYPROBE_ERR_INTERNAL;
    }
    for (size_t i = 0; i < all.count; i++) {
        size_t first = i;
        const char *part = all.items[i];
        pp_strindex_lookup(index, part, strlen(part), &first);
        if (first == i && !pp_strlist_push(parts, part)) {
            pp_strindex_free(index);
            goto nomem;
        }
    }
    pp_strindex_free(index);
    pp_strlist_clear(&all);
    return PYPROBE_OK;
nomem:
    pp_strlist_clear(&all);
    return pp_error_nomem(error);
}

/* Expand the three compressed tag sets into wheel->tags. Distinct parts
 * give distinct triples (no part holds a '-'), so no triple repeats. */
static pyprobe_status expand_tags(pp_wheel_name *wheel, const char *filename,
                                  pyprobe_error *error)
{
    pp_strlist sets[3] = {PP_STRLIST_INIT, PP_STRLIST_INIT, PP_STRLIST_INIT};
    const char *written[3] = {wheel->python_tags, wheel->abi_tags,
                              wheel->platform_tags};
    pyprobe_status status = PYPROBE_OK;
    for (int i = 0; i < 3 && status == PYPROBE_OK; i++)
        status = split_set(written[i], &sets[i], error);
    if (status == PYPROBE_OK &&
        sets[0].count * sets[1].count > MAX_EXPANDED_TAGS / sets[2].count)
        status = pp_error_set(error, PYPROBE_ERR_PROTOCOL, filename,
                              "compressed tag sets expand to more than %zu "
                              "tags", MAX_EXPANDED_TAGS);
    for (size_t i = 0; status == PYPROBE_OK && i < sets[0].count; i++)
        for (size_t a = 0; status == PYPROBE_OK && a < sets[1].count; a++)
            for (size_t p = 0; status == PYPROBE_OK && p < sets[2].count; p++)
                if (!pp_tag_push(&wheel->tags, sets[0].items[i],
                                 sets[1].items[a], sets[2].items[p]))
                    status = pp_error_nomem(error);
    for (int i = 0; i < 3; i++)
        pp_strlist_clear(&sets[i]);
    return status;
}

/* The parts of "name-version[-build]-python-abi-platform": a split at
 * the first dashes, the last three parts being the tags. */
static void split_stem(const char *stem, size_t length, size_t dashes,
                       span parts[6])
{
    size_t count = dashes + 1, start = 0, k = 0;
    for (size_t i = 0; i <= length && k < count; i++) {
        if (i == length || stem[i] == '-') {
            parts[k++] = (span){stem + start, i - start};
            start = i + 1;
        }
    }
}

static pyprobe_status check_parts(const char *filename, const span *parts,
                                  size_t dashes, pyprobe_error *error)
{
    const char *problem = name_problem(parts[0]);
    if (problem)
        return pp_error_set(error, PYPROBE_ERR_PROTOCOL, filename,
                            "invalid project name '%.*s': %s",
                            (int)parts[0].length, parts[0].text, problem);
    if (!pp_pep440_is_valid(parts[1].text, parts[1].length))
        return pp_error_set(error, PYPROBE_ERR_PROTOCOL, filename,
                            "invalid version '%.*s'", (int)parts[1].length,
                            parts[1].text);
    if (dashes == 5 && !(parts[2].length > 0 && parts[2].text[0] >= '0' &&
                         parts[2].text[0] <= '9'))
        return pp_error_set(error, PYPROBE_ERR_PROTOCOL, filename,
                            "invalid build tag '%.*s': it must start with a "
                            "digit", (int)parts[2].length, parts[2].text);
    const span *tags = parts + (dashes == 5 ? 3 : 2);
    for (int i = 0; i < 3; i++) {
        problem = tag_set_problem(tags[i], i == 0);
        if (problem)
            return pp_error_set(error, PYPROBE_ERR_PROTOCOL, filename,
                                "invalid tag '%.*s': %s", (int)tags[i].length,
                                tags[i].text, problem);
    }
    return PYPROBE_OK;
}

static pyprobe_status fill(pp_wheel_name *wheel, const span *parts,
                           size_t dashes, pyprobe_error *error)
{
    size_t tags = dashes == 5 ? 3 : 2;
    wheel->name = copy_span(parts[0]);
    wheel->version = copy_span(parts[1]);
    if (dashes == 5)
        wheel->build = copy_span(parts[2]);
    wheel->python_tags = copy_span(parts[tags]);
    wheel->abi_tags = copy_span(parts[tags + 1]);
    wheel->platform_tags = copy_span(parts[tags + 2]);
    if (!wheel->name || !wheel->version || (dashes == 5 && !wheel->build) ||
        !wheel->python_tags || !wheel->abi_tags || !wheel->platform_tags)
        return pp_error_nomem(error);
    return PYPROBE_OK;
}

pyprobe_status pp_wheel_name_parse(const char *filename, pp_wheel_name *wheel,
                                   pyprobe_error *error)
{
    memset(wheel, 0, sizeof *wheel);
    /* As check-wheel passes os.path.basename(name) to packaging. */
    const char *slash = strrchr(filename, '/');
    const char *base = slash ? slash + 1 : filename;
    size_t length = strlen(base);
    if (length < 4 || strcmp(base + length - 4, ".whl") != 0)
        return pp_error_set(error, PYPROBE_ERR_PROTOCOL, filename,
                            "not a wheel: the name must end in '.whl'");
    length -= 4;
    size_t dashes = count_char(base, length, '-');
    if (dashes != 4 && dashes != 5)
        return pp_error_set(error, PYPROBE_ERR_PROTOCOL, filename,
                            "wrong number of parts: %zu '-' where "
                            "name-version[-build]-python-abi-platform.whl "
                            "has 4 or 5", dashes);
    span parts[6];
    split_stem(base, length, dashes, parts);
    pyprobe_status status = check_parts(filename, parts, dashes, error);
    if (status == PYPROBE_OK)
        status = fill(wheel, parts, dashes, error);
    if (status == PYPROBE_OK)
        status = expand_tags(wheel, filename, error);
    if (status != PYPROBE_OK)
        pp_wheel_name_clear(wheel);
    return status;
}

void pp_wheel_name_clear(pp_wheel_name *wheel)
{
    free(wheel->name);
    free(wheel->version);
    free(wheel->build);
    free(wheel->python_tags);
    free(wheel->abi_tags);
    free(wheel->platform_tags);
    pp_strlist_clear(&wheel->tags);
    memset(wheel, 0, sizeof *wheel);
}

int pp_wheel_rank(const pp_wheel_name *wheel, const pp_strindex *index,
                  size_t *rank)
{
    int found = 0;
    for (size_t i = 0; i < wheel->tags.count; i++) {
        const char *tag = wheel->tags.items[i];
        size_t position;
        if (pp_strindex_lookup(index, tag, strlen(tag), &position) &&
            (!found || position < *rank)) {
            *rank = position;
            found = 1;
        }
    }
    return found;
}
