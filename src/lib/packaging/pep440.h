/* pep440.h - PEP 440 version validation (internal).
 *
 * Says whether packaging.version.Version() of packaging 26.3 accepts a
 * string: its fast path for dotted digits, and otherwise a full match
 * of \s* VERSION_PATTERN \s* with re.VERBOSE | re.IGNORECASE, where \s
 * is Unicode white space (the text is taken as UTF-8). */
#ifndef PP_PEP440_H
#define PP_PEP440_H

#include <stddef.h>

/* 1 when the length bytes at text are a valid version, 0 when not. */
int pp_pep440_is_valid(const char *text, size_t length);

#endif
