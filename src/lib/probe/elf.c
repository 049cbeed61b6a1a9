/* elf.c - does a program load a shared libpython? Read from its ELF
 * dynamic section (DT_NEEDED), so that the probe looks up which file the
 * dynamic loader picked (a cache dependency) only when there is one: a
 * statically linked interpreter, such as Debian's, is spared the cost,
 * although its sysconfig says Py_ENABLE_SHARED. */
#include "config.h"

#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "os/os.h"
#include "probe/elf.h"

#define MAX_TABLE (1024 * 1024)

typedef struct image {
    int fd;
    int wide;          /* ELFCLASS64 */
    int big;           /* big-endian */
} image;

static uint64_t number(const image *im, const unsigned char *p, int size)
{
    uint64_t v = 0;
    for (int i = 0; i < size; i++)
        v |= (uint64_t)p[im->big ? size - 1 - i : i] << (8 * i);
    return v;
}

static int read_at(const image *im, uint64_t offset, void *buf, size_t size)
{
    return pread(im->fd, buf, size, (off_t)offset) == (ssize_t)size;
}

/* A virtual address as a file offset, through the PT_LOAD segments. */
static int file_offset(const image *im, const unsigned char *headers,
                       uint64_t count, uint64_t entry, uint64_t vaddr,
                       uint64_t *offset)
{
    int w = im->wide;
    for (uint64_t i = 0; i < count; i++) {
        const unsigned char *h = headers + i * entry;
        if (number(im, h, 4) != 1)                          /* PT_LOAD */
            continue;
        uint64_t off = number(im, h + (w ? 8 : 4), w ? 8 : 4);
        uint64_t va = number(im, h + (w ? 16 : 8), w ? 8 : 4);
        uint64_t size = number(im, h + (w ? 32 : 16), w ? 8 : 4);
        if (vaddr >= va && vaddr - va < size) {
            *offset = off + (vaddr - va);
            return 1;
        }
    }
    return 0;
}

static int needs(const image *im, const char *const *prefixes)
{
    unsigned char ehdr[64];
    if (!read_at(im, 0, ehdr, 52) || memcmp(ehdr, "\177ELF", 4) != 0)
        return -1;
    image *m = (image *)im;
    m->wide = ehdr[4] == 2;
    m->big = ehdr[5] == 2;
    if ((ehdr[4] != 1 && ehdr[4] != 2) || (ehdr[5] != 1 && ehdr[5] != 2) ||
        (m->wide && !read_at(im, 0, ehdr, 64)))
        return -1;
    int w = im->wide;
    uint64_t phoff = number(im, ehdr + (w ? 32 : 28), w ? 8 : 4);
    uint64_t entry = number(im, ehdr + (w ? 54 : 42), 2);
    uint64_t count = number(im, ehdr + (w ? 56 : 44), 2);
    if (entry < (w ? 56u : 32u) || count == 0 || count > 4096)
        return -1;
    unsigned char *headers = malloc(entry * count);
    if (!headers || !read_at(im, phoff, headers, entry * count)) {
        free(headers);
        return -1;
    }
    int result = 0;                       /* no PT_DYNAMIC: static */
    for (uint64_t i = 0; i < count && result == 0; i++) {
        const unsigned char *h = headers + i * entry;
        if (number(im, h, 4) != 2)                          /* PT_DYNAMIC */
            continue;
        uint64_t off = number(im, h + (w ? 8 : 4), w ? 8 : 4);
        uint64_t size = number(im, h + (w ? 32 : 16), w ? 8 : 4);
        size_t step = w ? 16 : 8;
        unsigned char *dyn = size && size < MAX_TABLE ? malloc(size) : NULL;
        result = -1;
        if (!dyn || !read_at(im, off, dyn, size)) {
            free(dyn);
            break;
        }
        uint64_t strtab = 0, strsz = 0, strtab_off;
        for (size_t k = 0; k + step <= size; k += step) {
            uint64_t tag = number(im, dyn + k, w ? 8 : 4);
            uint64_t val = number(im, dyn + k + step / 2, w ? 8 : 4);
            if (tag == 5)
                strtab = val;                               /* DT_STRTAB */
            else if (tag == 10)
                strsz = val;                                /* DT_STRSZ */
        }
        char *strings = strsz && strsz < MAX_TABLE ? malloc(strsz + 1) : NULL;
        if (strings && file_offset(im, headers, count, entry, strtab,
                                   &strtab_off) &&
            read_at(im, strtab_off, strings, strsz)) {
            strings[strsz] = '\0';
            result = 0;
            for (size_t k = 0; k + step <= size && result == 0; k += step) {
                uint64_t tag = number(im, dyn + k, w ? 8 : 4);
                uint64_t val = number(im, dyn + k + step / 2, w ? 8 : 4);
                if (tag == 0)                               /* DT_NULL */
                    break;
                if (tag != 1 || val >= strsz)               /* DT_NEEDED */
                    continue;
                for (const char *const *p = prefixes; *p; p++)
                    if (strncmp(strings + val, *p, strlen(*p)) == 0)
                        result = 1;
            }
        }
        free(strings);
        free(dyn);
    }
    free(headers);
    return result;
}

int pp_elf_needs(const char *path, const char *const *prefixes)
{
    image im = {open(path, O_RDONLY | O_CLOEXEC), 0, 0};
    if (im.fd < 0)
        return -1;
    int result = needs(&im, prefixes);
    close(im.fd);
    return result;
}
