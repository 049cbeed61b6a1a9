/* macho.c - does a Mach-O program load a shared libpython? Read from its
 * load commands, as elf.c reads an ELF dynamic section: on macOS the
 * python.org and Homebrew interpreters load Python.framework (or
 * PythonT.framework, free-threaded), and a --enable-shared build loads
 * libpython3.X.dylib. The layouts are those of <mach-o/loader.h> and
 * <mach-o/fat.h>; this reads them by hand so that it builds and is
 * tested on any system. */
#include "config.h"

#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "os/os.h"
#include "probe/macho.h"

#define MH_MAGIC 0xfeedfaceu            /* 32-bit, in the file's order */
#define MH_MAGIC_64 0xfeedfacfu
#define FAT_MAGIC 0xcafebabeu           /* fat headers are big-endian */
#define FAT_MAGIC_64 0xcafebabfu
#define LC_REQ_DYLD 0x80000000u
#define LC_LOAD_DYLIB 0xcu
#define LC_LOAD_WEAK_DYLIB (0x18u | LC_REQ_DYLD)
#define LC_REEXPORT_DYLIB (0x1fu | LC_REQ_DYLD)
#define LC_LAZY_LOAD_DYLIB 0x20u
#define LC_LOAD_UPWARD_DYLIB (0x23u | LC_REQ_DYLD)

/* Far beyond any real program's load commands (a few KiB) or slices. */
#define MAX_COMMANDS (16u * 1024 * 1024)
#define MAX_SLICES 64u

static uint64_t number(const unsigned char *p, int size, int big)
{
    uint64_t v = 0;
    for (int i = 0; i < size; i++)
        v |= (uint64_t)p[big ? size - 1 - i : i] << (8 * i);
    return v;
}

static int read_at(int fd, uint64_t offset, void *buf, size_t size)
{
    return pread(fd, buf, size, (off_t)offset) == (ssize_t)size;
}

static int matches(const char *install_name, const char *const *names)
{
    const char *slash = strrchr(install_name, '/');
    const char *file = slash ? slash + 1 : install_name;
    for (const char *const *n = names; *n; n++) {
        size_t length = strlen(*n);
        if (length >= 11 && strcmp(*n + length - 11, ".framework/") == 0) {
            const char *at = strstr(install_name, *n);
            if (at && (at == install_name || at[-1] == '/'))
                return 1;
        } else if (strncmp(file, *n, length) == 0) {
            return 1;
        }
    }
    return 0;
}

/* The thin image at offset: 1, 0 or -1 as pp_macho_needs. */
static int thin_needs(int fd, uint64_t offset, const char *const *names)
{
    unsigned char header[32];
    if (!read_at(fd, offset, header, 28))
        return -1;
    int big;
    if (number(header, 4, 0) == MH_MAGIC || number(header, 4, 0) == MH_MAGIC_64)
        big = 0;
    else if (number(header, 4, 1) == MH_MAGIC ||
             number(header, 4, 1) == MH_MAGIC_64)
        big = 1;
    else
        return -1;
    int wide = number(header, 4, big) == MH_MAGIC_64;
    uint64_t count = number(header + 16, 4, big);
    uint64_t size = number(header + 20, 4, big);
    if (size > MAX_COMMANDS || count > size / 8)
        return -1;
    unsigned char *commands = malloc(size ? size : 1);
    if (!commands || !read_at(fd, offset + (wide ? 32 : 28), commands, size)) {
        free(commands);
        return -1;
    }
    int result = 0;
    uint64_t at = 0;
    for (uint64_t i = 0; i < count && result == 0; i++) {
        if (size - at < 8) {
            result = -1;
            break;
        }
        uint64_t cmd = number(commands + at, 4, big);
        uint64_t cmdsize = number(commands + at + 4, 4, big);
        if (cmdsize < 8 || cmdsize > size - at) {
            result = -1;
            break;
        }
        if (cmd == LC_LOAD_DYLIB || cmd == LC_LOAD_WEAK_DYLIB ||
            cmd == LC_REEXPORT_DYLIB || cmd == LC_LAZY_LOAD_DYLIB ||
            cmd == LC_LOAD_UPWARD_DYLIB) {
            /* struct dylib_command: the name's offset from the command */
            uint64_t name = cmdsize >= 12 ? number(commands + at + 8, 4, big) : 0;
            if (name < 12 || name >= cmdsize ||
                !memchr(commands + at + name, '\0', cmdsize - name)) {
                result = -1;
                break;
            }
            result = matches((const char *)commands + at + name, names);
        }
        at += cmdsize;
    }
    free(commands);
    return result;
}

/* A fat (universal) file: 1 if any slice needs one of names, else 0 if
 * every slice was read, else -1. */
static int fat_needs(int fd, int wide, const char *const *names)
{
    unsigned char header[8];
    if (!read_at(fd, 0, header, 8))
        return -1;
    uint64_t count = number(header + 4, 4, 1);
    size_t entry = wide ? 32 : 20;
    if (count == 0 || count > MAX_SLICES)
        return -1;
    int result = 0;
    for (uint64_t i = 0; i < count && result != 1; i++) {
        unsigned char arch[32];
        if (!read_at(fd, 8 + i * entry, arch, entry))
            return -1;
        uint64_t offset = wide ? number(arch + 8, 8, 1) : number(arch + 8, 4, 1);
        int slice = thin_needs(fd, offset, names);
        if (slice != 0)
            result = slice;
    }
    return result;
}

int pp_macho_needs(const char *path, const char *const *names)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    unsigned char magic[4];
    int result = -1;
    if (read_at(fd, 0, magic, 4)) {
        uint64_t big = number(magic, 4, 1);
        if (big == FAT_MAGIC || big == FAT_MAGIC_64)
            result = fat_needs(fd, big == FAT_MAGIC_64, names);
        else
            result = thin_needs(fd, 0, names);
    }
    close(fd);
    return result;
}
