/* fuzz_cache_entry.c - probe cache entries, as a later run finds them.
 *
 * An entry is used only when it names this pyprobe's key and the
 * interpreter's real path and identity, which no fuzzer would guess. So
 * the input is an entry with placeholders, replaced here before it is
 * stored where the lookup looks: @KEY@ (the key, JSON-escaped), @REAL@
 * (the interpreter's real path) and @ID@ (its identity). Seeds with the
 * placeholders reach the facts in "probe"; mutations reach the rest. */
#include "config.h"

#include <jansson.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "probe/cache.h"
#include "util/strbuf.h"

/* Any executable file will do as the "interpreter": nothing is run. */
#define PYTHON "/bin/sh"

typedef struct forged {
    char *key_json;      /* the key as JSON string contents */
    char *entry_name;
    char real[PATH_MAX];
    char id[160];
} forged;

static const forged *forged_once(void)
{
    static forged f;
    if (f.entry_name)
        return &f;
    char *key = pp_cache_entry_key(PYTHON, "auto");
    json_t *key_string = key ? json_string(key) : NULL;
    char *quoted = key_string ? json_dumps(key_string, JSON_ENCODE_ANY)
                              : NULL;
    pp_file_id id;
    if (!quoted || !realpath(PYTHON, f.real) || !pp_file_id_get(f.real, &id))
        abort();
    quoted[strlen(quoted) - 1] = '\0';   /* the contents, unquoted */
    f.key_json = strdup(quoted + 1);
    f.entry_name = pp_cache_entry_name(key);
    pp_file_id_format(&id, f.id, sizeof f.id);
    free(quoted);
    json_decref(key_string);
    free(key);
    if (!f.key_json || !f.entry_name)
        abort();
    return &f;
}

/* text with each placeholder replaced. Caller frees. */
static char *fill_in(const char *text, const forged *f)
{
    static const char *const names[] = {"@KEY@", "@REAL@", "@ID@"};
    const char *values[] = {f->key_json, f->real, f->id};
    pp_strbuf out = PP_STRBUF_INIT;
    while (*text) {
        size_t i = 0;
        while (i < 3 && strncmp(text, names[i], strlen(names[i])) != 0)
            i++;
        if (i < 3) {
            pp_strbuf_append(&out, values[i], strlen(values[i]));
            text += strlen(names[i]);
        } else {
            pp_strbuf_append(&out, text++, 1);
        }
    }
    char *filled = pp_strbuf_take(&out);
    if (!filled)
        abort();
    return filled;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const forged *f = forged_once();
    const char *dir = fuzz_path("cache");
    char entry[PATH_MAX];
    snprintf(entry, sizeof entry, "cache/%s", f->entry_name);
    const char *path = fuzz_path(entry);   /* makes the directory too */

    char *text = fuzz_string(data, size);
    char *filled = fill_in(text, f);
    fuzz_write(path, (const uint8_t *)filled, strlen(filled));
    free(filled);
    free(text);

    pyprobe_facts *facts = pp_cache_lookup(dir, PYTHON, "auto");
    fuzz_outcome(facts ? PYPROBE_OK : PYPROBE_ERR_PROTOCOL, NULL);
    if (facts) {
        fuzz_use_facts(facts);
        pyprobe_facts_free(facts);
    }
    return 0;
}
