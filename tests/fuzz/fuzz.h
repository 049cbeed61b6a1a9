/* fuzz.h - what pyprobe's fuzz harnesses share.
 *
 * Each harness (tests/fuzz/fuzz_*.c) defines LLVMFuzzerTestOneInput for
 * one parser. It is linked either with libFuzzer (make fuzz, see
 * tests/fuzz/fuzz.sh) or with replay.c, which feeds it the files named
 * on its command line (make check replays the committed corpora that
 * way, through a normal build). A harness never prints, and treats
 * every refusal as a normal outcome: only a crash, a leak, a sanitizer
 * report or a hang is a finding. */
#ifndef PP_FUZZ_H
#define PP_FUZZ_H

#include <stddef.h>
#include <stdint.h>

#include "pyprobe.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* data as a NUL-terminated string (a NUL inside ends it early, as it
 * would for a C caller). Caller frees. */
char *fuzz_string(const uint8_t *data, size_t size);

/* This process's private temporary directory, made on first use and
 * removed at exit with everything fuzz_path made in it. */
const char *fuzz_dir(void);

/* path, relative to this process's private temporary directory, made
 * (with its parent directories) on first use and removed at exit.
 * Returns the absolute path; the storage is the harness's for good. */
const char *fuzz_path(const char *relative);

/* Replace the file at path (from fuzz_path) with data; a failure ends
 * the process (the harness's own files must be writable). */
void fuzz_write(const char *path, const uint8_t *data, size_t size);
/* The same for a path an input chose: 0 when it cannot be written. */
int fuzz_try_write(const char *path, const uint8_t *data, size_t size);

/* The parser's verdict on this input. With FUZZ_EXPLAIN set in the
 * environment it is printed on stderr ("accepted", or the refusal), to
 * check that seeds reach as far as they should; otherwise nothing is. */
void fuzz_outcome(pyprobe_status status, const pyprobe_error *error);

/* The target of a description file (build-details.json, sysconfigdata):
 * glibc 2.36, which no file says, and the private directory as the
 * sysroot, so paths as written are looked for there. Without them most
 * answers would stop early. */
const pyprobe_target *fuzz_target(void);

/* Drive what comes after a parser: the report under the default policy
 * and each rendering of it. Facts that validated must render. */
void fuzz_use_facts(const pyprobe_facts *facts);

/* Split data at the first occurrence of separator: the part before it
 * in *head (NUL-terminated, caller frees) and a pointer past it in
 * *tail (NULL when the separator is absent; then *head is all of it). */
void fuzz_split(const uint8_t *data, size_t size, const char *separator,
                char **head, const char **tail);

#endif
