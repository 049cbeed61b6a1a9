/* names.c - the table of public names. */
#include "config.h"

#include <string.h>

#include "decide/names.h"
#include "pyprobe.h"

#define PP_NAME_INFO(name, key, kind, text) \
    {#name, #key, PP_KIND_##kind, text},
const pp_name_info pp_names[PP_NAME_COUNT] = {PP_NAMES(PP_NAME_INFO)};
#undef PP_NAME_INFO

int pp_name_lookup(const char *name)
{
    for (size_t i = 0; i < PP_NAME_COUNT; i++)
        if (strcmp(name, pp_names[i].key) == 0 ||
            strcmp(name, pp_names[i].name) == 0)
            return (int)i;
    return -1;
}

size_t pyprobe_name_count(void)
{
    return PP_NAME_COUNT;
}

const char *pyprobe_name_at(size_t index)
{
    return index < PP_NAME_COUNT ? pp_names[index].name : NULL;
}

const char *pyprobe_name_key(size_t index)
{
    return index < PP_NAME_COUNT ? pp_names[index].key : NULL;
}

const char *pyprobe_name_description(size_t index)
{
    return index < PP_NAME_COUNT ? pp_names[index].description : NULL;
}
