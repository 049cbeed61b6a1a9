/* flags.h - compiler and linker flags that carry a path (internal). */
#ifndef PP_FLAGS_H
#define PP_FLAGS_H

#include "util/strbuf.h"

/* Append to buf a flag and a path, escaping the path for a shell the way
 * pkg-config does (a backslash before anything but [A-Za-z0-9_./,:=+@%-]). */
void pp_append_path_flag(pp_strbuf *buf, const char *flag, const char *path);

#endif
