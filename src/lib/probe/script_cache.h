/* script_cache.h - the probe script, compiled once per Python version
 * (internal; see script_cache.c). */
#ifndef PP_SCRIPT_CACHE_H
#define PP_SCRIPT_CACHE_H

/* The -c program that imports the probe script from cache_dir, where
 * Python keeps its bytecode, after putting the script there if needed;
 * NULL when the directory cannot be trusted or written (then run the
 * embedded script itself). Caller frees. */
char *pp_script_loader(const char *cache_dir);

/* The exit status of a loader that could neither import nor read the
 * cached script: only then is the embedded script worth a second run.
 * Any other failure is the interpreter's own, and running it again
 * would only double the wait. */
#define PP_SCRIPT_LOADER_FAILED 113

#endif
