/* fixture.c - facts from the recorded fact sheets, for unit tests. */
#include "config.h"

#include <check.h>
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "facts/answer_json.h"
#include "facts/facts.h"
#include "fixture.h"

const char *fixture_dir(void)
{
    return TOP_SRCDIR "/tests/fixtures/interpreters";
}

static json_t *sheet_get(json_t *sheet, const char *path)
{
    /* "sys/abiflags" style paths into the sheet */
    char key[128];
    json_t *node = sheet;
    const char *p = path;
    while (node && *p) {
        const char *slash = strchr(p, '/');
        size_t n = slash ? (size_t)(slash - p) : strlen(p);
        snprintf(key, sizeof key, "%.*s", (int)n, p);
        node = json_object_get(node, key);
        p += n + (slash ? 1 : 0);
    }
    return node ? node : json_null();
}

/* The answer data/probe.py gives for a sheet's interpreter. */
static json_t *answer_from_sheet(json_t *sheet)
{
    json_t *config = json_object();
    json_t *all = sheet_get(sheet, "sysconfig.get_config_vars");
    for (size_t i = 0; i < pp_config_var_count; i++) {
        json_t *value = json_object_get(all, pp_config_var_names[i]);
        json_object_set(config, pp_config_var_names[i],
                        value ? value : json_null());
    }
    const char *abiflags = json_string_value(sheet_get(sheet, "sys/abiflags"));
    json_t *a = json_object();
#define COPY(key, path) json_object_set(a, key, sheet_get(sheet, path))
    json_object_set_new(a, "source", json_string("fast"));
    json_object_set_new(a, "sysconfigdata", json_null());
    json_object_set_new(a, "config", config);
    COPY("extension_suffixes", "EXTENSION_SUFFIXES");
    COPY("include", "sysconfig.get_paths/include");
    COPY("platinclude", "sysconfig.get_paths/platinclude");
    COPY("stdlib", "sysconfig.get_paths/stdlib");
    COPY("platform", "sysconfig.get_platform");
    COPY("system", "platform/system");
    COPY("machine", "platform/machine");
    COPY("libc", "os.confstr(CS_GNU_LIBC_VERSION)");
    COPY("build_details", "build-details.json path");
    COPY("implementation", "sys/implementation.name");
    COPY("version_info", "sys/version_info");
    COPY("impl_version", "sys/implementation.version");
    COPY("hexversion", "sys/hexversion");
    COPY("sys_version", "sys/version");
    COPY("abiflags", "sys/abiflags");
    COPY("executable", "sys/executable");
    COPY("base_executable", "sys/_base_executable");
    COPY("prefix", "sys/prefix");
    COPY("base_prefix", "sys/base_prefix");
    COPY("exec_prefix", "sys/exec_prefix");
    COPY("base_exec_prefix", "sys/base_prefix");
    COPY("sys_platform", "sys/platform");
    COPY("maxsize", "sys/maxsize");
    COPY("byteorder", "sys/byteorder");
    COPY("gil_enabled", "sys/_is_gil_enabled");
    COPY("multiarch", "sys/implementation._multiarch");
    COPY("cache_tag", "sys/implementation.cache_tag");
#undef COPY
    json_object_set_new(a, "gettotalrefcount",
                        json_boolean(abiflags && strchr(abiflags, 'd')));
    json_object_set_new(a, "maxunicode", json_integer(0x10FFFF));
    json_object_set_new(a, "elf", json_null());
    json_object_set_new(a, "musl_version", json_null());
    json_object_set_new(a, "mac_ver", json_null());
    return a;
}

pyprobe_status fixture_try(const char *name, const char *patch,
                           pyprobe_facts **facts, pyprobe_error *error)
{
    char path[4096];
    json_error_t json_error;
    snprintf(path, sizeof path, "%s/%s.json", fixture_dir(), name);
    json_t *sheet = json_load_file(path, 0, &json_error);
    ck_assert_msg(sheet != NULL, "cannot read %s: %s", path, json_error.text);
    json_t *answer = answer_from_sheet(sheet);
    if (patch) {
        json_t *changes = json_loads(patch, 0, &json_error);
        ck_assert_msg(changes != NULL, "bad patch: %s", json_error.text);
        json_t *config = json_object_get(changes, "config");
        if (config) {
            json_object_update(json_object_get(answer, "config"), config);
            json_object_del(changes, "config");
        }
        json_object_update(answer, changes);
        json_decref(changes);
    }
    pyprobe_status status = pp_facts_from_json_probe(
        answer, json_string_value(sheet_get(sheet, "sys/executable")), name,
        facts, error);
    json_decref(answer);
    json_decref(sheet);
    return status;
}

pyprobe_facts *fixture_facts(const char *name, const char *patch)
{
    pyprobe_facts *facts = NULL;
    pyprobe_error error;
    pyprobe_status status = fixture_try(name, patch, &facts, &error);
    ck_assert_msg(status == PYPROBE_OK, "%s: %s: %s", name, error.context,
                  error.message);
    return facts;
}

pyprobe_report *fixture_report(const char *name, const char *patch,
                               const char *policy_words)
{
    pyprobe_facts *facts = fixture_facts(name, patch);
    pyprobe_policy *policy = pyprobe_policy_new();
    pyprobe_error error;
    char words[256];
    snprintf(words, sizeof words, "%s", policy_words ? policy_words : "");
    for (char *word = strtok(words, " "); word; word = strtok(NULL, " ")) {
        if (strncmp(word, "limited-api=", 12) == 0)
            ck_assert(pyprobe_policy_set_limited_api(policy, word + 12,
                                                     &error) == PYPROBE_OK);
        else if (strcmp(word, "abi3t=yes") == 0)
            pyprobe_policy_set_abi3t(policy, PYPROBE_ABI3T_YES);
        else if (strcmp(word, "abi3t=only") == 0)
            pyprobe_policy_set_abi3t(policy, PYPROBE_ABI3T_ONLY);
        else if (strcmp(word, "mypyc=no") == 0)
            pyprobe_policy_set_mypyc(policy, PYPROBE_MYPYC_NO);
        else if (strcmp(word, "mypyc=yes") == 0)
            pyprobe_policy_set_mypyc(policy, PYPROBE_MYPYC_YES);
        else if (strcmp(word, "mypyc-free-threaded") == 0)
            pyprobe_policy_set_mypyc_free_threaded(policy, 1);
        else
            ck_abort_msg("unknown policy word %s", word);
    }
    pyprobe_report *report = NULL;
    pyprobe_status status = pyprobe_report_new(facts, policy, &report, &error);
    ck_assert_msg(status == PYPROBE_OK, "%s: %s", name, error.message);
    pyprobe_policy_free(policy);
    pyprobe_facts_free(facts);
    return report;
}
