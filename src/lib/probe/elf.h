/* elf.h - what an ELF program loads (internal). */
#ifndef PP_ELF_H
#define PP_ELF_H

/* 1 if the program at path names, in its dynamic section, a library
 * whose name starts with one of prefixes (a NULL-terminated list); 0 if
 * it does not (or is linked statically); -1 if that cannot be read (not
 * ELF, not readable, malformed). */
int pp_elf_needs(const char *path, const char *const *prefixes);

#endif
