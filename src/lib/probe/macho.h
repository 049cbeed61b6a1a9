/* macho.h - what a Mach-O program loads (internal): the macOS side of
 * elf.h. */
#ifndef PP_MACHO_H
#define PP_MACHO_H

/* 1 if the Mach-O program at path (thin, or fat/universal2: any of its
 * slices) names, in a load command (LC_LOAD_DYLIB, LC_LOAD_WEAK_DYLIB,
 * LC_REEXPORT_DYLIB, LC_LAZY_LOAD_DYLIB, LC_LOAD_UPWARD_DYLIB), a
 * library matching one of names (a NULL-terminated list): a name ending
 * in ".framework/" matches an install name holding that framework
 * ("Python.framework/" matches .../Python.framework/Versions/3.13/Python),
 * any other name the start of the install name's last part ("libpython"
 * matches @rpath/libpython3.13.dylib). 0 if it names none; -1 if that
 * cannot be read (not Mach-O, not readable, malformed). */
int pp_macho_needs(const char *path, const char *const *names);

#endif
