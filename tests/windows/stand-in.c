/* stand-in.c - a Windows program that poses as a Python interpreter for
 * pyprobe.exe under Wine (tests/windows/check-windows.sh builds it with mingw-w64).
 *
 * Its arguments come from the C runtime's parse of the command line,
 * as python.exe's do (wmain), so what it receives is what a Windows
 * CPython would. What it does is chosen by $PYPROBE_STAND_IN:
 *   replay    check that it was run as "-I -S -c SCRIPT MODE..." with
 *             SCRIPT byte for byte the file $PYPROBE_STAND_IN_SCRIPT
 *             (else say where it differs, exit 91), then print the file
 *             $PYPROBE_STAND_IN_ANSWER: a recorded interpreter's answer;
 *   hang      start a copy of itself in "heartbeat" mode, then sleep
 *             for ever: pyprobe must end both;
 *   heartbeat write the time to $PYPROBE_STAND_IN_HEARTBEAT every 100 ms;
 *   flood     print 64 MiB on standard output and error (interleaved);
 *   crash     write through a null pointer (an access violation);
 *   args      write its arguments, each ended by a NUL byte, to the file
 *             $PYPROBE_STAND_IN_ARGS, and print nothing;
 *   hold      not an interpreter: open the file $PYPROBE_STAND_IN_HOLD
 *             for reading, sharing read and write but not delete (as a
 *             virus scanner or an editor may), create the file
 *             $PYPROBE_STAND_IN_READY to say so, keep it open for
 *             $PYPROBE_STAND_IN_HOLD_MS milliseconds, then close it and
 *             exit 0 (97 if the file cannot be opened). */
#include <fcntl.h>
#include <io.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <windows.h>

static char *utf8(const wchar_t *wide)
{
    int n = WideCharToMultiByte(CP_UTF8, 0, wide, -1, NULL, 0, NULL, NULL);
    char *text = malloc(n > 0 ? (size_t)n : 1);
    if (!text || WideCharToMultiByte(CP_UTF8, 0, wide, -1, text, n, NULL,
                                     NULL) != n)
        exit(93);
    return text;
}

static char *read_file(const char *path, size_t *length)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "stand-in: cannot read %s\n", path);
        exit(92);
    }
    char *data = NULL;
    size_t size = 0;
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        data = realloc(data, size + n + 1);
        if (!data)
            exit(93);
        memcpy(data + size, chunk, n);
        size += n;
    }
    fclose(f);
    *length = size;
    return data ? data : calloc(1, 1);
}

static int replay(int argc, wchar_t **argv)
{
    if (argc < 6 || wcscmp(argv[1], L"-I") != 0 ||
        wcscmp(argv[2], L"-S") != 0 || wcscmp(argv[3], L"-c") != 0) {
        fprintf(stderr, "stand-in: not run as -I -S -c SCRIPT MODE\n");
        return 91;
    }
    size_t want_length, answer_length;
    char *want = read_file(getenv("PYPROBE_STAND_IN_SCRIPT"), &want_length);
    char *got = utf8(argv[4]);
    size_t got_length = strlen(got), i = 0;
    while (i < want_length && i < got_length && want[i] == got[i])
        i++;
    if (i != want_length || i != got_length) {
        fprintf(stderr, "stand-in: the script differs from byte %zu on "
                        "(received %zu bytes, expected %zu)\n",
                i, got_length, want_length);
        return 91;
    }
    char *answer = read_file(getenv("PYPROBE_STAND_IN_ANSWER"),
                             &answer_length);
    /* As the probe script does: sys.stdout.buffer, no CR LF. */
    _setmode(1, _O_BINARY);
    fwrite(answer, 1, answer_length, stdout);
    return fflush(stdout) == 0 ? 0 : 94;
}

static int hang(void)
{
    wchar_t self[32768];
    GetModuleFileNameW(NULL, self, 32768);
    STARTUPINFOW si;
    PROCESS_INFORMATION pi;
    memset(&si, 0, sizeof si);
    si.cb = sizeof si;
    SetEnvironmentVariableW(L"PYPROBE_STAND_IN", L"heartbeat");
    if (!CreateProcessW(self, NULL, NULL, NULL, FALSE, 0, NULL, NULL, &si,
                        &pi))
        return 95;
    printf("started the heartbeat\n");
    fflush(stdout);
    Sleep(INFINITE);
    return 0;
}

static __attribute__((noreturn)) void heartbeat(void)
{
    const char *path = getenv("PYPROBE_STAND_IN_HEARTBEAT");
    for (unsigned long beat = 0;; beat++) {
        FILE *f = fopen(path, "wb");
        if (f) {
            fprintf(f, "%lu\n", beat);
            fclose(f);
        }
        Sleep(100);
    }
}

static int flood(void)
{
    static char block[65536];
    memset(block, 'x', sizeof block);
    for (int i = 0; i < 1024; i++) {
        fwrite(block, 1, sizeof block, stdout);
        fwrite(block, 1, sizeof block, stderr);
    }
    return 0;
}

static int write_args(int argc, wchar_t **argv)
{
    FILE *f = fopen(getenv("PYPROBE_STAND_IN_ARGS"), "wb");
    if (!f)
        return 92;
    for (int i = 1; i < argc; i++) {
        char *arg = utf8(argv[i]);
        fwrite(arg, 1, strlen(arg) + 1, f);
        free(arg);
    }
    return fclose(f) == 0 ? 0 : 94;
}

static int hold(void)
{
    const wchar_t *path = _wgetenv(L"PYPROBE_STAND_IN_HOLD");
    const char *ready = getenv("PYPROBE_STAND_IN_READY");
    const char *ms = getenv("PYPROBE_STAND_IN_HOLD_MS");
    if (!path || !ready || !ms)
        return 96;
    HANDLE file = CreateFileW(path, GENERIC_READ,
                              FILE_SHARE_READ | FILE_SHARE_WRITE, NULL,
                              OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, NULL);
    if (file == INVALID_HANDLE_VALUE) {
        fprintf(stderr, "stand-in: cannot open the file to hold (Windows "
                        "error %lu)\n", GetLastError());
        return 97;
    }
    FILE *f = fopen(ready, "wb");
    if (f)
        fclose(f);
    Sleep((DWORD)strtoul(ms, NULL, 10));
    CloseHandle(file);
    return 0;
}

int wmain(int argc, wchar_t **argv)
{
    const char *mode = getenv("PYPROBE_STAND_IN");
    if (!mode)
        mode = "replay";
    if (strcmp(mode, "replay") == 0)
        return replay(argc, argv);
    if (strcmp(mode, "hang") == 0)
        return hang();
    if (strcmp(mode, "heartbeat") == 0)
        heartbeat();
    if (strcmp(mode, "hold") == 0)
        return hold();
    if (strcmp(mode, "args") == 0)
        return write_args(argc, argv);
    if (strcmp(mode, "flood") == 0)
        return flood();
    if (strcmp(mode, "crash") == 0) {
        volatile int *nowhere = NULL;
        *nowhere = argc;
        return 0;
    }
    fprintf(stderr, "stand-in: unknown mode %s\n", mode);
    return 96;
}
