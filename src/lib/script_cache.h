/* script_cache.h - the probe script, compiled once per Python version
 * (internal; see script_cache.c). */
#ifndef PP_SCRIPT_CACHE_H
#define PP_SCRIPT_CACHE_H

/* The -c program that imports the probe script from cache_dir, where
 * Python keeps its bytecode, after putting the script there if needed;
 * NULL when the directory cannot be trusted or written (then run the
 * embedded script itself). Caller frees. */
char *pp_script_loader(const char *cache_dir);

#endif
