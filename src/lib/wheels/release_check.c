/* release_check.c - a directory of wheels against the cells a release
 * must have.
 *
 * The check that would have caught a cp314-cp314t wheel shipped where
 * cp314-cp314 was meant: ABI tags are compared as whole tags and whole
 * sets, never as substrings (release_cell.c). Here: one project at one
 * version, one wheel per cell, every cell filled, and the sdist. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "os/os.h"
#include "pyprobe.h"
#include "util/error.h"
#include "util/read_file.h"
#include "util/strbuf.h"
#include "wheels/release_cell.h"

typedef struct cell {
    pp_release_cell spec;
    size_t fillers;        /* wheels filling it */
    size_t first_filler;   /* index into the wheels, when fillers > 0 */
} cell;

/* A wheel or sdist file: its name split, or why it cannot be. */
typedef struct file {
    const char *path;        /* as given */
    pyprobe_wheel *wheel;    /* NULL for an sdist or a malformed name */
    char *name, *version;    /* as written; NULL when malformed */
    char *error;             /* why the name is malformed */
    int in_release;          /* its name and version are the release's */
} release_file;

typedef struct finding {
    pyprobe_finding_kind kind;
    size_t order;      /* the order found, to keep sorting stable */
    char *file;
    const char *cell;  /* points into a cell's text, or "sdist" */
    char *detail;
} finding;

struct pyprobe_release_check {
    cell *cells;
    size_t cell_count;
    finding *findings;
    size_t finding_count, finding_capacity;
    size_t wheel_count;
    size_t wheel_tally[PYPROBE_FINDING_DUPLICATE + 1]; /* wheels by verdict */
    char *project, *version;   /* the release's, as written */
    const char *sdist;         /* points into a finding's file */
    char *summary;
};

static const char *const kind_names[] = {
    "ok", "missing", "wrong-abi", "unexpected", "malformed", "mixed",
    "duplicate",
};

const char *pyprobe_finding_kind_name(pyprobe_finding_kind kind)
{
    if ((size_t)kind >= sizeof kind_names / sizeof kind_names[0])
        return "unknown";
    return kind_names[kind];
}

static pyprobe_status manifest_error(const char *path, int line,
                                     const char *field, int why,
                                     pyprobe_error *error)
{
    if (why == 1)
        return pp_error_set(error, PYPROBE_ERR_PROTOCOL, path,
                            "line %d: '%s' is neither a CPython ABI tag "
                            "(cp314t) nor PYTHON-ABI (cp315-abi3.abi3t)",
                            line, field);
    if (why == 3)
        return pp_error_set(error, PYPROBE_ERR_PROTOCOL, path,
                            "line %d: '%s': '<=' needs a manylinux or "
                            "musllinux platform, such as "
                            "'<=manylinux_2_28_x86_64'", line, field);
    return pp_error_set(error, PYPROBE_ERR_PROTOCOL, path,
                        "line %d: expected PYTHON-ABI PLATFORM, such "
                        "as 'cp314t manylinux_2_28_x86_64'", line);
}

static pyprobe_status parse_manifest(pyprobe_release_check *check,
                                     const char *path, char *text,
                                     pyprobe_error *error)
{
    size_t capacity = 0;
    int line_number = 0;
    int *lines = NULL;   /* the line of each cell, for a repeat */
    pyprobe_status status = PYPROBE_OK;
    for (char *line = text; line && *line && status == PYPROBE_OK;) {
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
        if (count != 2) {
            status = manifest_error(path, line_number, NULL, 2, error);
            break;
        }
        if (check->cell_count == capacity) {
            capacity = capacity ? capacity * 2 : 16;
            cell *cells = realloc(check->cells, capacity * sizeof *cells);
            int *more = realloc(lines, capacity * sizeof *lines);
            if (cells)
                check->cells = cells;
            if (more)
                lines = more;
            if (!cells || !more) {
                status = pp_error_nomem(error);
                break;
            }
        }
        cell *c = &check->cells[check->cell_count++];
        memset(c, 0, sizeof *c);
        lines[check->cell_count - 1] = line_number;
        int why = pp_release_cell_parse(&c->spec, fields[0], fields[1]);
        if (why < 0)
            status = pp_error_nomem(error);
        else if (why > 0)
            status = manifest_error(path, line_number,
                                    why == 3 ? fields[1] : fields[0], why,
                                    error);
        for (size_t i = 0; status == PYPROBE_OK && i + 1 < check->cell_count;
             i++)
            if (pp_release_cell_same(&check->cells[i].spec, &c->spec))
                status = pp_error_set(error, PYPROBE_ERR_PROTOCOL, path,
                                      "line %d: the cell '%s' is already on "
                                      "line %d", line_number, c->spec.text,
                                      lines[i]);
    }
    free(lines);
    if (status == PYPROBE_OK && check->cell_count == 0)
        status = pp_error_set(error, PYPROBE_ERR_PROTOCOL, path,
                              "the manifest lists no cells");
    return status;
}

static int add_finding(pyprobe_release_check *check,
                       pyprobe_finding_kind kind, const char *file,
                       const char *cell_text, char *detail)
{
    if (check->finding_count == check->finding_capacity) {
        size_t capacity = check->finding_capacity
                              ? check->finding_capacity * 2 : 16;
        finding *f = realloc(check->findings, capacity * sizeof *f);
        if (!f) {
            free(detail);
            return 0;
        }
        check->findings = f;
        check->finding_capacity = capacity;
    }
    finding *f = &check->findings[check->finding_count];
    f->kind = kind;
    f->order = check->finding_count++;
    f->file = file ? strdup(file) : NULL;
    f->cell = cell_text;
    f->detail = detail ? detail : strdup("");
    return (!file || f->file) && f->detail;
}

/* Project names compare as PEP 503 normalizes them: case aside, and a
 * run of '-', '_' and '.' is one separator. */
static int same_project(const char *a, const char *b)
{
    for (;;) {
        int sa = *a == '-' || *a == '_' || *a == '.';
        int sb = *b == '-' || *b == '_' || *b == '.';
        if (sa != sb)
            return 0;
        if (sa) {
            a += strspn(a, "-_.");
            b += strspn(b, "-_.");
            continue;
        }
        if (!*a || !*b)
            return *a == *b;
        char ca = *a >= 'A' && *a <= 'Z' ? (char)(*a + 32) : *a;
        char cb = *b >= 'A' && *b <= 'Z' ? (char)(*b + 32) : *b;
        if (ca != cb)
            return 0;
        a++, b++;
    }
}

static int same_release(const release_file *a, const release_file *b)
{
    return same_project(a->name, b->name) &&
           strcasecmp(a->version, b->version) == 0;
}

/* Which of two versions is higher, for a tie only: the numbers of the
 * release segment (1.10 > 1.9), then the text. */
static int version_order(const char *a, const char *b)
{
    while (*a >= '0' && *a <= '9' && *b >= '0' && *b <= '9') {
        char *ea, *eb;
        unsigned long na = strtoul(a, &ea, 10), nb = strtoul(b, &eb, 10);
        if (na != nb)
            return na < nb ? -1 : 1;
        a = ea, b = eb;
        if (*a != '.' || *b != '.')
            break;
        a++, b++;
    }
    return strcmp(a, b);
}

/* Split "foo-1.0.tar.gz" into name and version; the file's error says
 * why it cannot be. 0 on out of memory. */
static int parse_sdist(release_file *f)
{
    const char *base = strrchr(f->path, '/');
    base = base ? base + 1 : f->path;
    size_t n = strlen(base);
    const char *dash = memchr(base, '-', n);
    const char *last = dash ? strrchr(base, '-') : NULL;
    if (n < 8 || strcmp(base + n - 7, ".tar.gz") != 0 || !dash ||
        dash != last || dash == base || dash + 1 == base + n - 7) {
        f->error = strdup("not NAME-VERSION.tar.gz");
        return f->error != NULL;
    }
    f->name = strndup(base, (size_t)(dash - base));
    f->version = strndup(dash + 1, (size_t)(base + n - 7 - dash - 1));
    return f->name && f->version;
}

static int parse_wheel(release_file *f)
{
    pyprobe_error error = {0};
    if (pyprobe_wheel_parse(f->path, &f->wheel, &error) != PYPROBE_OK) {
        f->error = strdup(error.message);
        return f->error != NULL;
    }
    f->name = strdup(pyprobe_wheel_name(f->wheel));
    f->version = strdup(pyprobe_wheel_version(f->wheel));
    return f->name && f->version;
}

/* The release: the name and version most files have; in a tie, the
 * higher version, then the first given. NULL when no file names one. */
static const release_file *choose_release(const release_file *files,
                                          size_t count)
{
    const release_file *best = NULL;
    size_t best_count = 0;
    for (size_t i = 0; i < count; i++) {
        if (!files[i].name)
            continue;
        size_t n = 0;
        for (size_t k = 0; k < count; k++)
            n += files[k].name && same_release(&files[i], &files[k]);
        if (!best || n > best_count ||
            (n == best_count &&
             version_order(files[i].version, best->version) > 0)) {
            best = &files[i];
            best_count = n;
        }
    }
    return best;
}

/* How a wheel differs from a cell, as "platform win_amd64, not
 * manylinux_2_17_x86_64". */
static char *describe_difference(const cell *c, const release_file *f,
                                 unsigned differs)
{
    pp_strbuf buf = PP_STRBUF_INIT;
    const char *sep = "";
    if (differs & PP_CELL_PYTHON) {
        pp_strbuf_printf(&buf, "Python tag %s, not %s",
                         pyprobe_wheel_python_tags(f->wheel), c->spec.python);
        sep = "; ";
    }
    if (differs & PP_CELL_ABI) {
        pp_strbuf_printf(&buf, "%sABI %s, not %s", sep,
                         pyprobe_wheel_abi_tags(f->wheel), c->spec.abi);
        sep = "; ";
    }
    if (differs & PP_CELL_PLATFORM)
        pp_strbuf_printf(&buf, "%splatform %s, not %s%s", sep,
                         pyprobe_wheel_platform_tags(f->wheel),
                         c->spec.at_most ? "<=" : "", c->spec.platform);
    if (buf.failed) {
        pp_strbuf_release(&buf);
        return NULL;
    }
    return pp_strbuf_take(&buf);
}

/* How far a wheel is from a cell: the number of parts that differ,
 * then which: another platform is farther than another Python tag,
 * which is farther than another ABI (a wheel built for the right place
 * with the wrong interpreter is the likely mistake). */
static unsigned distance(unsigned differs)
{
    unsigned parts = (differs & 1) + ((differs >> 1) & 1) +
                     ((differs >> 2) & 1);
    return parts * 8 + (differs & PP_CELL_PLATFORM ? 4 : 0) +
           (differs & PP_CELL_PYTHON ? 2 : 0);
}

/* A missing cell: the nearest wheel of the release (see distance; then
 * the first given) and how it differs. */
static char *why_missing(const cell *c, const release_file *wheels,
                         size_t count)
{
    const release_file *nearest = NULL;
    unsigned nearest_differs = 0;
    for (size_t i = 0; i < count; i++) {
        if (!wheels[i].in_release)
            continue;
        unsigned differs = pp_release_cell_differs(&c->spec, wheels[i].wheel);
        if (!nearest || distance(differs) < distance(nearest_differs)) {
            nearest = &wheels[i];
            nearest_differs = differs;
        }
    }
    if (!nearest)
        return strdup("no wheel of the release to compare with");
    char *how = describe_difference(c, nearest, nearest_differs);
    char *detail = how ? pp_format("nearest is %s: %s", nearest->path, how)
                       : NULL;
    free(how);
    return detail;
}

/* One wheel of the release: ok, duplicate, wrong-abi or unexpected. */
static int judge_wheel(pyprobe_release_check *check,
                       const release_file *wheels, size_t index)
{
    const release_file *f = &wheels[index];
    const cell *first = NULL, *shared = NULL, *wrong = NULL;
    for (size_t i = 0; i < check->cell_count; i++) {
        const cell *c = &check->cells[i];
        unsigned differs = pp_release_cell_differs(&c->spec, f->wheel);
        if (!differs) {
            if (!first)
                first = c;
            if (c->fillers > 1 && !shared)
                shared = c;
        } else if (differs == PP_CELL_ABI && !wrong) {
            wrong = c;
        }
    }
    if (shared) {
        size_t other = shared->first_filler;
        if (other == index)   /* the first filler: name the next one */
            for (other = index + 1; other < check->wheel_count; other++)
                if (wheels[other].in_release &&
                    !pp_release_cell_differs(&shared->spec,
                                             wheels[other].wheel))
                    break;
        return add_finding(check, PYPROBE_FINDING_DUPLICATE, f->path,
                           shared->spec.text,
                           pp_format("%s fills the same cell",
                                     wheels[other].path));
    }
    if (first)
        return add_finding(check, PYPROBE_FINDING_OK, f->path,
                           first->spec.text, NULL);
    if (wrong)
        return add_finding(check, PYPROBE_FINDING_WRONG_ABI, f->path,
                           wrong->spec.text,
                           pp_format("its ABI tag is %s, expected %s",
                                     pyprobe_wheel_abi_tags(f->wheel),
                                     wrong->spec.abi));
    return add_finding(check, PYPROBE_FINDING_UNEXPECTED, f->path, NULL,
                       strdup("no cell of the manifest asks for it"));
}

/* A file that is not of the release (mixed) or not a name (malformed);
 * 1 when it was one of those, -1 on out of memory. */
static int judge_outsider(pyprobe_release_check *check,
                          const release_file *f)
{
    int ok;
    if (f->error)
        ok = add_finding(check, PYPROBE_FINDING_MALFORMED, f->path, NULL,
                         strdup(f->error));
    else if (!f->in_release)
        ok = add_finding(check, PYPROBE_FINDING_MIXED, f->path, NULL,
                         pp_format("%s %s, where the release is %s %s",
                                   f->name, f->version, check->project,
                                   check->version));
    else
        return 0;
    return ok ? 1 : -1;
}

static int judge(pyprobe_release_check *check, release_file *files,
                 size_t wheels, size_t count, int want_sdist)
{
    const release_file *release = choose_release(files, count);
    if (release && (!(check->project = strdup(release->name)) ||
                    !(check->version = strdup(release->version))))
        return 0;
    for (size_t i = 0; i < count; i++)
        files[i].in_release = release && files[i].name &&
                              same_release(&files[i], release);
    for (size_t i = 0; i < wheels; i++) {
        if (!files[i].in_release)
            continue;
        for (size_t k = 0; k < check->cell_count; k++) {
            cell *c = &check->cells[k];
            if (!pp_release_cell_differs(&c->spec, files[i].wheel) &&
                !c->fillers++)
                c->first_filler = i;
        }
    }
    for (size_t i = 0; i < count; i++) {
        int outsider = judge_outsider(check, &files[i]);
        if (outsider < 0)
            return 0;
        if (!outsider && i < wheels && !judge_wheel(check, files, i))
            return 0;
        if (i < wheels)
            check->wheel_tally[check->findings[check->finding_count - 1]
                                   .kind]++;
        if (outsider || i < wheels)
            continue;
        if (check->sdist) {
            if (!add_finding(check, PYPROBE_FINDING_DUPLICATE, files[i].path,
                             "sdist", pp_format("%s fills the same cell",
                                                check->sdist)))
                return 0;
        } else {
            if (!add_finding(check, PYPROBE_FINDING_OK, files[i].path,
                             "sdist", NULL))
                return 0;
            check->sdist = check->findings[check->finding_count - 1].file;
        }
    }
    for (size_t i = 0; i < check->cell_count; i++)
        if (!check->cells[i].fillers &&
            !add_finding(check, PYPROBE_FINDING_MISSING, NULL,
                         check->cells[i].spec.text,
                         why_missing(&check->cells[i], files, wheels)))
            return 0;
    if (want_sdist && !check->sdist &&
        !add_finding(check, PYPROBE_FINDING_MISSING, NULL, "sdist",
                     release ? pp_format("no %s-%s.tar.gz", release->name,
                                         release->version)
                             : strdup("no NAME-VERSION.tar.gz")))
        return 0;
    return 1;
}

/* OK first, then the problems by verdict name; stable. */
static int by_verdict(const void *pa, const void *pb)
{
    const finding *a = pa, *b = pb;
    int oka = a->kind == PYPROBE_FINDING_OK;
    int okb = b->kind == PYPROBE_FINDING_OK;
    int order = oka != okb ? okb - oka
                           : strcmp(pyprobe_finding_kind_name(a->kind),
                                    pyprobe_finding_kind_name(b->kind));
    if (order)
        return order;
    return a->order < b->order ? -1 : a->order > b->order;
}

/* "6 wheels: 3 ok, 1 duplicate, 2 mixed; 4 cells: 3 filled, 1 missing;
 * sdist: foo-1.0.tar.gz" (the sdist part only when one was asked for). */
static char *summarize(const pyprobe_release_check *check, int want_sdist)
{
    const size_t *tally = check->wheel_tally;
    size_t filled;
    size_t cells = pyprobe_release_check_cells(check, &filled);
    pp_strbuf buf = PP_STRBUF_INIT;
    pp_strbuf_printf(&buf, "%zu wheel%s: %zu ok", check->wheel_count,
                     check->wheel_count == 1 ? "" : "s",
                     tally[PYPROBE_FINDING_OK]);
    /* the problems in the order they are listed */
    static const pyprobe_finding_kind order[] = {
        PYPROBE_FINDING_DUPLICATE, PYPROBE_FINDING_MALFORMED,
        PYPROBE_FINDING_MIXED, PYPROBE_FINDING_UNEXPECTED,
        PYPROBE_FINDING_WRONG_ABI,
    };
    for (size_t k = 0; k < sizeof order / sizeof order[0]; k++)
        if (tally[order[k]])
            pp_strbuf_printf(&buf, ", %zu %s", tally[order[k]],
                             kind_names[order[k]]);
    pp_strbuf_printf(&buf, "; %zu cell%s: %zu filled", cells,
                     cells == 1 ? "" : "s", filled);
    if (cells > filled)
        pp_strbuf_printf(&buf, ", %zu missing", cells - filled);
    if (want_sdist)
        pp_strbuf_printf(&buf, "; sdist: %s",
                         check->sdist ? check->sdist : "missing");
    if (buf.failed) {
        pp_strbuf_release(&buf);
        return NULL;
    }
    return pp_strbuf_take(&buf);
}

static void files_free(release_file *files, size_t count)
{
    for (size_t i = 0; files && i < count; i++) {
        pyprobe_wheel_free(files[i].wheel);
        free(files[i].name);
        free(files[i].version);
        free(files[i].error);
    }
    free(files);
}

static pyprobe_status run(const char *manifest_path,
                          const char *const *wheels, size_t wheel_count,
                          const char *const *sdists, size_t sdist_count,
                          int want_sdist, pyprobe_release_check **result,
                          pyprobe_error *error)
{
    *result = NULL;
    pyprobe_release_check *check = calloc(1, sizeof *check);
    size_t count = wheel_count + sdist_count;
    release_file *files = calloc(count ? count : 1, sizeof *files);
    if (!check || !files) {
        free(check);
        free(files);
        return pp_error_nomem(error);
    }
    check->wheel_count = wheel_count;
    size_t length;
    /* a manifest of a million lines is still far below this */
    char *text = pp_read_file(manifest_path, 64 * 1024 * 1024, &length,
                              error);
    /* pp_read_file fails only with an I/O error or out of memory */
    pyprobe_status status = text ? parse_manifest(check, manifest_path, text,
                                                  error)
                                 : error ? error->status : PYPROBE_ERR_IO;
    free(text);
    for (size_t i = 0; status == PYPROBE_OK && i < count; i++) {
        files[i].path = i < wheel_count ? wheels[i] : sdists[i - wheel_count];
        if (!(i < wheel_count ? parse_wheel(&files[i])
                              : parse_sdist(&files[i])))
            status = pp_error_nomem(error);
    }
    if (status == PYPROBE_OK &&
        !judge(check, files, wheel_count, count, want_sdist))
        status = pp_error_nomem(error);
    if (status == PYPROBE_OK) {
        qsort(check->findings, check->finding_count, sizeof *check->findings,
              by_verdict);
        if (!(check->summary = summarize(check, want_sdist)))
            status = pp_error_nomem(error);
    }
    files_free(files, count);
    if (status != PYPROBE_OK) {
        pyprobe_release_check_free(check);
        return status;
    }
    *result = check;
    return PYPROBE_OK;
}

pyprobe_status pyprobe_release_check_new(const char *manifest_path,
                                         const char *const *wheels,
                                         size_t wheel_count,
                                         pyprobe_release_check **check,
                                         pyprobe_error *error)
{
    return run(manifest_path, wheels, wheel_count, NULL, 0, 0, check, error);
}

pyprobe_status pyprobe_release_check_new_with_sdist(
    const char *manifest_path, const char *const *wheels, size_t wheel_count,
    const char *const *sdists, size_t sdist_count,
    pyprobe_release_check **check, pyprobe_error *error)
{
    return run(manifest_path, wheels, wheel_count, sdists, sdist_count, 1,
               check, error);
}

void pyprobe_release_check_free(pyprobe_release_check *check)
{
    if (!check)
        return;
    for (size_t i = 0; i < check->cell_count; i++)
        pp_release_cell_clear(&check->cells[i].spec);
    for (size_t i = 0; i < check->finding_count; i++) {
        free(check->findings[i].file);
        free(check->findings[i].detail);
    }
    free(check->cells);
    free(check->findings);
    free(check->project);
    free(check->version);
    free(check->summary);
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

const char *pyprobe_release_check_project(const pyprobe_release_check *check)
{
    return check->project;
}

const char *pyprobe_release_check_version(const pyprobe_release_check *check)
{
    return check->version;
}

size_t pyprobe_release_check_wheels(const pyprobe_release_check *check)
{
    return check->wheel_count;
}

size_t pyprobe_release_check_cells(const pyprobe_release_check *check,
                                   size_t *filled)
{
    size_t n = 0;
    for (size_t i = 0; i < check->cell_count; i++)
        n += check->cells[i].fillers > 0;
    if (filled)
        *filled = n;
    return check->cell_count;
}

const char *pyprobe_release_check_sdist(const pyprobe_release_check *check)
{
    return check->sdist;
}

const char *pyprobe_release_check_summary(const pyprobe_release_check *check)
{
    return check->summary;
}
