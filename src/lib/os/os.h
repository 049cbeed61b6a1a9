/* os.h - what the library needs from the operating system (internal).
 *
 * One interface, two back ends: os/posix/ (Linux, macOS, the BSDs) and
 * os/windows/ (native Windows, built with mingw-w64). configure picks
 * one by the host it builds for; no other file of the library asks
 * which system it runs on. Running a program is the other part of the
 * interface: probe/run.h, whose back ends are os/posix/run.c and
 * os/windows/run.c. This stage comes first, so every other may use it;
 * it uses none of them. On Windows, os/windows_posix.h also gives
 * the few POSIX file names the rest of the library uses (open, stat,
 * openat ...) their Windows meaning, with UTF-8 paths.
 *
 * macOS uses the POSIX back end. Where it differs from Linux, the back
 * end asks configure's checks, never the system's name: no pipe2
 * (HAVE_PIPE2: pipe and FD_CLOEXEC), st_mtimespec for st_mtim, the C
 * library's identity through sysctlbyname (HAVE_SYSCTLBYNAME); only the
 * places pyprobe list scans are chosen by uname's sysname at run time,
 * from a table os/posix/places.h names. Reading a Mach-O interpreter
 * (probe/macho.c) is a file format, not a system call, and is read on
 * every system. README, "macOS", lists these paths and their tests. */
#ifndef PP_OS_H
#define PP_OS_H

#include <stddef.h>

#ifdef _WIN32
#include "os/windows_posix.h"
#endif

/* ---- files -------------------------------------------------------------- */

/* Put the file from in place of to, atomically: a reader sees the old
 * file or the new, whole. Windows retries for a while when another
 * process holds to open. 0, or -1 with errno set. */
int pp_os_replace(const char *from, const char *to);

/* ---- paths and places --------------------------------------------------- */

/* What separates the directories of PATH: ':' or ';'. */
extern const char pp_os_path_list_separator;

/* 1 if name is a path to a file rather than a command to look up on
 * PATH: it has a directory separator (or, on Windows, a drive). */
int pp_os_names_file(const char *name);

/* 1 if path is absolute. */
int pp_os_absolute(const char *path);

/* path made absolute (from the current directory; "./" dropped), not
 * otherwise changed: links stay. NULL with errno set. Caller frees. */
char *pp_os_absolute_path(const char *path);

/* 1 if c separates directories in a path ('/'; Windows: '/' or '\'). */
int pp_os_directory_separator(char c);

/* The names to try for command name in each PATH directory, NULL
 * terminated: name itself, and on Windows name.exe when name has no
 * extension. Caller frees the array and its strings (NULL: no memory). */
char **pp_os_program_names(const char *name);

/* The length of the command a file named file_name in a PATH directory
 * stands for: all of it, or on Windows all but a final ".exe" (in any
 * case), so that python3.exe is python3. */
size_t pp_os_command_length(const char *file_name);

/* The default cache directory: $XDG_CACHE_HOME/pyprobe or
 * $HOME/.cache/pyprobe; Windows: %LOCALAPPDATA%\pyprobe. NULL when
 * none can be named. Caller frees. */
char *pp_os_cache_home(void);

/* Call scan(context, dir) for each directory, beyond PATH, where
 * installers put interpreters (POSIX: /usr/local/bin, pyenv, uv, asdf
 * ...; Windows: the PythonCore registry entries the py launcher reads
 * and %LOCALAPPDATA%\Programs\Python), in a fixed order. Stops and
 * returns 0 when scan does (out of memory); 1 otherwise. */
int pp_os_interpreter_places(int (*scan)(void *context, const char *dir),
                             void *context);

/* Calls scan on the bin directory of each version installed under the
 * pyenv root ROOT (ROOT/versions/NAME/bin), in name order; a root with
 * glob metacharacters is not scanned. Returns as
 * pp_os_interpreter_places does. */
int pp_os_pyenv_versions(int (*scan)(void *context, const char *dir),
                         void *context, const char *root);

/* The system and machine, "Linux x86_64" (uname's sysname and machine)
 * or "Windows AMD64". NULL when unknown or out of memory; caller frees. */
char *pp_os_machine(void);

/* The C library the interpreters run with, for the probe cache's key
 * (a new one may change their answers): glibc's version ("glibc 2.36",
 * confstr); on macOS, where libSystem comes with the system, the
 * system's version ("macOS 14.5", sysctl kern.osproductversion).
 * Chosen by configure's checks, not by system name. NULL where neither
 * is known (musl: the probe reads its loader file instead; Windows, the
 * BSDs) or out of memory; caller frees. */
char *pp_os_libc(void);

/* How many processors can run at once (at least 1). */
unsigned pp_os_processors(void);

#endif
