/* facts_file.h - the facts file that pyprobe --json writes and --facts
 * reads (internal; pyprobe_facts_load_json is in facts_file.c). */
#ifndef PP_FACTS_FILE_H
#define PP_FACTS_FILE_H

/* The format marker and version of a facts/--json document. Version 2
 * made the list names JSON arrays and added BUILD_REASON; version 1
 * files are still read (facts_file.c). */
#define PP_JSON_FORMAT "pyprobe-facts"
#define PP_JSON_FORMAT_VERSION 2

#endif
