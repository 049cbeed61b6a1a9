/* release_check.c - a directory of wheels against the cells a release
 * must have.
 *
 * The check that would have caught a cp314-cp314t wheel shipped where
 * cp314-cp314 was meant: ABI tags are compared as whole tags and whole
 * sets, never as substrings. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "os/os.h"
#include "packaging/tag_set.h"
#include "pyprobe.h"
#include "util/error.h"
#include "util/read_file.h"
#include "util/strbuf.h"

typedef struct cell {
    char *python;     /* "cp314" */
    char *abi;        /* "cp314t" or "abi3.abi3t" */
    char *platform;   /* "manylinux_2_28_aarch64" */
    char *text;       /* as written, for messages */
    int filled;
} cell;

typedef struct finding {
    pyprobe_finding_kind kind;
    char *file;
    const char *cell;  /* points into a cell's text */
    char *detail;
} finding;

struct pyprobe_release_check {
    cell *cells;
    size_t cell_count;
    finding *findings;
    size_t finding_count;
};

static int is_tag_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || c == '_' || c == '.';
}

static int valid_tag(const char *s)
{
    if (!s[0] || s[0] == '.' || s[strlen(s) - 1] == '.' || strstr(s, ".."))
        return 0;
    for (; *s; s++)
        if (!is_tag_char(*s))
            return 0;
    return 1;
}

/* "cp314t" -> python cp314, abi cp314t; "cp315-abi3.abi3t" -> cp315,
 * abi3.abi3t. */
static int parse_cell_field(const char *field, cell *c)
{
    const char *dash = strchr(field, '-');
    if (dash) {
        if (strchr(dash + 1, '-'))
            return 0;
        c->python = strndup(field, (size_t)(dash - field));
        c->abi = strdup(dash + 1);
    } else {
        if (strncasecmp(field, "cp", 2) != 0)
            return 0;
        size_t digits = strspn(field + 2, "0123456789");
        if (digits < 2)
            return 0;
        c->python = strndup(field, 2 + digits);
        c->abi = strdup(field);
    }
    return c->python && c->abi && valid_tag(c->python) &&
           !strchr(c->python, '.') && valid_tag(c->abi);
}

static pyprobe_status parse_manifest(pyprobe_release_check *check,
                                     const char *path, char *text,
                                     pyprobe_error *error)
{
    size_t capacity = 0;
    int line_number = 0;
    for (char *line = text; line && *line;) {
        char *next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        line_number++;
        char *hash = strchr(line, '#');
        if (hash)
            *hash = '\0';
        char *fields[3] = {NULL, NULL, NULL};
        int count = 0;
        for (char *word = strtok(line, " \t\r"); word;
             word = strtok(NULL, " \t\r"))
            if (count++ < 3)
                fields[count - 1] = word;
        line = next;
        if (count == 0)
            continue;
        if (count != 2 || !valid_tag(fields[1]))
            return pp_error_set(error, PYPROBE_ERR_PROTOCOL, path,
                                "line %d: expected PYTHON-ABI PLATFORM, such "
                                "as 'cp314t manylinux_2_28_x86_64'",
                                line_number);
        if (check->cell_count == capacity) {
            capacity = capacity ? capacity * 2 : 16;
            cell *cells = realloc(check->cells, capacity * sizeof *cells);
            if (!cells)
                return pp_error_nomem(error);
            check->cells = cells;
        }
        cell *c = &check->cells[check->cell_count++];
        memset(c, 0, sizeof *c);
        int ok = parse_cell_field(fields[0], c);
        c->platform = strdup(fields[1]);
        c->text = pp_format("%s %s", fields[0], fields[1]);
        if (!c->platform || !c->text)
            return pp_error_nomem(error);
        if (!ok)
            return pp_error_set(error, PYPROBE_ERR_PROTOCOL, path,
                                "line %d: '%s' is neither a CPython ABI tag "
                                "(cp314t) nor PYTHON-ABI (cp315-abi3.abi3t)",
                                line_number, fields[0]);
    }
    if (check->cell_count == 0)
        return pp_error_set(error, PYPROBE_ERR_PROTOCOL, path,
                            "the manifest lists no cells");
    return PYPROBE_OK;
}

/* Both sets hold the same tags: inclusion both ways, so repeats
 * ("abi3.abi3") and order do not matter. */
static int same_set(const char *a, const char *b)
{
    return pp_tag_set_subset(a, b) && pp_tag_set_subset(b, a);
}

static int add_finding(pyprobe_release_check *check, size_t *capacity,
                       pyprobe_finding_kind kind, const char *file,
                       const char *cell_text, char *detail)
{
    if (check->finding_count == *capacity) {
        *capacity = *capacity ? *capacity * 2 : 16;
        finding *f = realloc(check->findings, *capacity * sizeof *f);
        if (!f) {
            free(detail);
            return 0;
        }
        check->findings = f;
    }
    finding *f = &check->findings[check->finding_count++];
    f->kind = kind;
    f->file = file ? strdup(file) : NULL;
    f->cell = cell_text;
    f->detail = detail ? detail : strdup("");
    return (!file || f->file) && f->detail;
}

static int check_wheel(pyprobe_release_check *check, size_t *capacity,
                       const char *file)
{
    pyprobe_wheel *wheel = NULL;
    pyprobe_error error = {0};
    if (pyprobe_wheel_parse(file, &wheel, &error) != PYPROBE_OK)
        return add_finding(check, capacity, PYPROBE_FINDING_MALFORMED, file,
                           NULL, strdup(error.message));
    const char *abi = pyprobe_wheel_abi_tags(wheel);
    const cell *wrong = NULL;
    int filled = 0;
    for (size_t i = 0; i < check->cell_count; i++) {
        cell *c = &check->cells[i];
        if (!pyprobe_wheel_has_tags(wheel, 0, c->python) ||
            !pyprobe_wheel_has_tags(wheel, 2, c->platform))
            continue;
        if (same_set(abi, c->abi)) {
            c->filled = 1;
            if (!filled++ && !add_finding(check, capacity,
                                          PYPROBE_FINDING_OK, file, c->text,
                                          NULL))
                goto nomem;
        } else if (!wrong) {
            wrong = c;
        }
    }
    int ok = 1;
    if (!filled && wrong)
        ok = add_finding(check, capacity, PYPROBE_FINDING_WRONG_ABI, file,
                         wrong->text,
                         pp_format("its ABI tag is %s, expected %s", abi,
                                   wrong->abi));
    else if (!filled)
        ok = add_finding(check, capacity, PYPROBE_FINDING_UNEXPECTED, file,
                         NULL, strdup("no cell of the manifest asks for it"));
    pyprobe_wheel_free(wheel);
    return ok;
nomem:
    pyprobe_wheel_free(wheel);
    return 0;
}

pyprobe_status pyprobe_release_check_new(const char *manifest_path,
                                         const char *const *wheels,
                                         size_t wheel_count,
                                         pyprobe_release_check **result,
                                         pyprobe_error *error)
{
    *result = NULL;
    pyprobe_release_check *check = calloc(1, sizeof *check);
    if (!check)
        return pp_error_nomem(error);
    size_t length;
    /* a manifest of a million lines is still far below this */
    char *text = pp_read_file(manifest_path, 64 * 1024 * 1024, &length,
                              error);
    /* pp_read_file fails only with an I/O error or out of memory */
    pyprobe_status status = text ? parse_manifest(check, manifest_path, text,
                                                  error)
                                 : error ? error->status : PYPROBE_ERR_IO;
    free(text);
    size_t capacity = 0;
    for (size_t i = 0; status == PYPROBE_OK && i < wheel_count; i++)
        if (!check_wheel(check, &capacity, wheels[i]))
            status = pp_error_nomem(error);
    for (size_t i = 0; status == PYPROBE_OK && i < check->cell_count; i++)
        if (!check->cells[i].filled &&
            !add_finding(check, &capacity, PYPROBE_FINDING_MISSING, NULL,
                         check->cells[i].text,
                         pp_format("no wheel has Python tag %s and ABI %s",
                                   check->cells[i].python,
                                   check->cells[i].abi)))
            status = pp_error_nomem(error);
    if (status != PYPROBE_OK) {
        pyprobe_release_check_free(check);
        return status;
    }
    *result = check;
    return PYPROBE_OK;
}

void pyprobe_release_check_free(pyprobe_release_check *check)
{
    if (!check)
        return;
    for (size_t i = 0; i < check->cell_count; i++) {
        free(check->cells[i].python);
        free(check->cells[i].abi);
        free(check->cells[i].platform);
        free(check->cells[i].text);
    }
    for (size_t i = 0; i < check->finding_count; i++) {
        free(check->findings[i].file);
        free(check->findings[i].detail);
    }
    free(check->cells);
    free(check->findings);
    free(check);
}

size_t pyprobe_release_check_count(const pyprobe_release_check *check)
{
    return check->finding_count;
}

pyprobe_finding_kind pyprobe_release_check_kind(
    const pyprobe_release_check *check, size_t index)
{
    return check->findings[index].kind;
}

const char *pyprobe_release_check_file(const pyprobe_release_check *check,
                                       size_t index)
{
    return check->findings[index].file;
}

const char *pyprobe_release_check_cell(const pyprobe_release_check *check,
                                       size_t index)
{
    return check->findings[index].cell;
}

const char *pyprobe_release_check_detail(const pyprobe_release_check *check,
                                         size_t index)
{
    return check->findings[index].detail;
}

size_t pyprobe_release_check_problems(const pyprobe_release_check *check)
{
    size_t problems = 0;
    for (size_t i = 0; i < check->finding_count; i++)
        problems += check->findings[i].kind != PYPROBE_FINDING_OK;
    return problems;
}
