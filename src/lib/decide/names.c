/* names.c - the table of public names. */
#include "config.h"

#include <string.h>

#include "decide/names.h"
#include "pyprobe.h"

#define PP_NAME_INFO(name, key, kind, text) \
    {#name, #key, PP_KIND_##kind, text},
const pp_name_info pp_names[PP_NAME_COUNT] = {PP_NAMES(PP_NAME_INFO)};
#undef PP_NAME_INFO

/* As pyprobe_env.py reads them: any case, PYPROBE_ or not. ASCII only,
 * whatever the locale. */
static int same_ascii_nocase(const char *a, const char *b, size_t length)
{
    for (size_t i = 0; i < length; i++) {
        char x = a[i], y = b[i];
        if (x >= 'A' && x <= 'Z')
            x = (char)(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z')
            y = (char)(y - 'A' + 'a');
        if (x != y)
            return 0;
        if (!x)
            return 1;
    }
    return 1;
}

int pp_name_lookup(const char *name)
{
    static const char prefix[] = "pyprobe_";
    size_t prefix_length = sizeof prefix - 1;
    if (strlen(name) > prefix_length &&
        same_ascii_nocase(name, prefix, prefix_length))
        name += prefix_length;
    for (size_t i = 0; i < PP_NAME_COUNT; i++)
        if (same_ascii_nocase(name, pp_names[i].key, (size_t)-1))
            return (int)i;
    return -1;
}

int pyprobe_name_find(const char *name)
{
    return pp_name_lookup(name);
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
