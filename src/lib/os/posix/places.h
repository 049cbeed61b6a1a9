/* places.h - the POSIX back end's own table of places (internal, for
 * os/posix/places.c and its unit test; the rest of the library asks
 * pp_os_interpreter_places in os/os.h). */
#ifndef PP_OS_POSIX_PLACES_H
#define PP_OS_POSIX_PLACES_H

/* The directories (glob patterns where they hold *, ? or [) where
 * installers put interpreters on the system named system (uname's
 * sysname: "Darwin" is macOS; any other gets the Linux list), in the
 * order pyprobe list scans them, before the places named by the
 * environment ($PYENV_ROOT, uv's, ~/.pyenv ...). NULL-terminated;
 * static, not to be freed. pp_os_interpreter_places picks the list by
 * the system it runs on. */
const char *const *pp_posix_fixed_places(const char *system);

#endif
