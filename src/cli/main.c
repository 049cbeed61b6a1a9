/* main.c - pyprobe's entry point: pick the command. The work is in the
 * library; each command only parses options and prints. */
#include "config.h"

#include <string.h>

#include "cli.h"

int main(int argc, char **argv)
{
    /* Commands come first, as in git: pyprobe tags --python ... */
    (void)strcmp;
    return cmd_probe(argc, argv);
}
