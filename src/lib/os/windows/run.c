/* run.c - run a program with a time limit and an output limit
 * (Windows).
 *
 * CreateProcessW starts it suspended; it joins a job object of its own
 * before it runs, so everything it starts is in the job too, and a
 * time-out, too much output or Ctrl-C (pyprobe_kill_children) ends them
 * all with TerminateJobObject. The job is also set to end with its last
 * handle, so nothing outlives a pyprobe that dies.
 *
 * Windows has no poll() for pipes. The two output pipes are peeked
 * (PeekNamedPipe) and only what is there is read, so neither read can
 * block while the program fills the other pipe; between rounds the wait
 * is on the process itself, so its exit ends the wait at once.
 *
 * Wine also runs programs of its host system (a Linux python, as
 * Z:\usr\bin\python3), which is how pyprobe.exe is tested against real
 * interpreters. Wine gives such a program only handles backed by a host
 * file descriptor as standard input and output (a pipe is not one, a
 * socket is), sends its standard error to Wine's own, and gives no
 * process handle. So for an ELF file or a script, standard output is a loopback
 * socket; the run ends when it does; the exit status is unknown
 * (reported as 0 and not "exited": the answer is judged by what it
 * printed); and a time-out stops the waiting but cannot end it. Real
 * Windows never takes that path: it cannot run an ELF file. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <winsock2.h>
#include <windows.h>

#include "os/os.h"
#include "os/windows/wide.h"
#include "probe/run.h"
#include "util/deadline.h"
#include "util/error.h"
#include "util/strbuf.h"

/* ---- the command line ------------------------------------------------- */

/* One argument as the MSVCRT (and CommandLineToArgvW) parse it back:
 * quoted when it is empty or has blanks or quotes; inside quotes, a run
 * of backslashes is doubled before a quote (which is escaped) and at
 * the end, and left alone elsewhere. */
static void quote_argument(pp_strbuf *line, const char *arg)
{
    if (arg[0] && !strpbrk(arg, " \t\n\v\"")) {
        pp_strbuf_puts(line, arg);
        return;
    }
    pp_strbuf_putc(line, '"');
    for (const char *p = arg;; p++) {
        size_t backslashes = 0;
        while (*p == '\\') {
            backslashes++;
            p++;
        }
        if (*p == '\0') {
            for (size_t i = 0; i < 2 * backslashes; i++)
                pp_strbuf_putc(line, '\\');
            break;
        }
        size_t keep = *p == '"' ? 2 * backslashes + 1 : backslashes;
        for (size_t i = 0; i < keep; i++)
            pp_strbuf_putc(line, '\\');
        pp_strbuf_putc(line, *p);
    }
    pp_strbuf_putc(line, '"');
}

/* The command line for argv. The program name (argv[0]) is parsed by
 * other rules, quotes with no escapes: a Windows file name has no
 * quote, so quoting it whole is exact. */
static char *command_line(char *const argv[])
{
    pp_strbuf line = PP_STRBUF_INIT;
    pp_strbuf_putc(&line, '"');
    pp_strbuf_puts(&line, argv[0]);
    pp_strbuf_putc(&line, '"');
    for (size_t i = 1; argv[i]; i++) {
        pp_strbuf_putc(&line, ' ');
        quote_argument(&line, argv[i]);
    }
    return pp_strbuf_take(&line);
}

/* ---- the jobs running now ---------------------------------------------- */

/* The job of each run going on, for pyprobe_kill_children (called from
 * the console's Ctrl-C handler thread and from pyprobe list's threads). */
#define MAX_RUNNING 128
static HANDLE volatile running[MAX_RUNNING];

static int remember(HANDLE job)
{
    for (int i = 0; i < MAX_RUNNING; i++)
        if (InterlockedCompareExchangePointer((PVOID volatile *)&running[i],
                                              job, NULL) == NULL)
            return i;
    return -1;
}

void pyprobe_kill_children(void)
{
    for (int i = 0; i < MAX_RUNNING; i++) {
        HANDLE job = running[i];
        if (job)
            TerminateJobObject(job, 1);
    }
}

/* ---- one run -------------------------------------------------------- */

typedef struct child {
    char *const *argv;
    HANDLE process, job;
    int slot;
    HANDLE pipes[2];           /* read ends of standard output and error */
    SOCKET socket;             /* or standard output, for a host program */
    pp_strbuf output[2];
} child;

/* 1 if path is an ELF file or a "#!" script: a program of Wine's host
 * system. */
static int host_program(const char *path)
{
    int fd = open(path, O_RDONLY);
    char magic[4] = {0};
    int n = fd >= 0 ? read(fd, magic, 4) : 0;
    if (fd >= 0)
        close(fd);
    return (n == 4 && memcmp(magic, "\177ELF", 4) == 0) ||
           (n >= 2 && memcmp(magic, "#!", 2) == 0);
}

/* A connected pair of loopback TCP sockets, the first inheritable (for
 * the child), the second not. 0 on failure. */
static int socket_pair(SOCKET pair[2])
{
    WSADATA wsa;
    if (WSAStartup(MAKEWORD(2, 2), &wsa) != 0)
        return 0;
    SOCKET listener = WSASocketW(AF_INET, SOCK_STREAM, IPPROTO_TCP, NULL, 0,
                                 0);
    struct sockaddr_in address;
    int size = sizeof address;
    memset(&address, 0, sizeof address);
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    pair[0] = pair[1] = INVALID_SOCKET;
    if (listener != INVALID_SOCKET &&
        bind(listener, (struct sockaddr *)&address, sizeof address) == 0 &&
        listen(listener, 1) == 0 &&
        getsockname(listener, (struct sockaddr *)&address, &size) == 0 &&
        (pair[0] = WSASocketW(AF_INET, SOCK_STREAM, IPPROTO_TCP, NULL, 0,
                              0)) != INVALID_SOCKET &&
        connect(pair[0], (struct sockaddr *)&address, sizeof address) == 0)
        pair[1] = accept(listener, NULL, NULL);
    if (listener != INVALID_SOCKET)
        closesocket(listener);
    if (pair[1] == INVALID_SOCKET ||
        !SetHandleInformation((HANDLE)pair[0], HANDLE_FLAG_INHERIT,
                              HANDLE_FLAG_INHERIT) ||
        !SetHandleInformation((HANDLE)pair[1], HANDLE_FLAG_INHERIT, 0)) {
        if (pair[0] != INVALID_SOCKET)
            closesocket(pair[0]);
        if (pair[1] != INVALID_SOCKET)
            closesocket(pair[1]);
        return 0;
    }
    return 1;
}

/* Child creation and handle inheritance: an inheritable handle made by
 * one thread would also go to a program another thread starts at that
 * moment, and hold its pipe open. One start at a time. */
static SRWLOCK start_lock = SRWLOCK_INIT;

static HANDLE make_job(void)
{
    HANDLE job = CreateJobObjectW(NULL, NULL);
    if (!job)
        return NULL;
    JOBOBJECT_EXTENDED_LIMIT_INFORMATION limits;
    memset(&limits, 0, sizeof limits);
    limits.BasicLimitInformation.LimitFlags =
        JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE;
    SetInformationJobObject(job, JobObjectExtendedLimitInformation, &limits,
                            sizeof limits);
    return job;
}

static pyprobe_status start_error(child *c, DWORD code, pyprobe_error *error)
{
    const char *why;
    char other[64];
    switch (code) {
    case ERROR_FILE_NOT_FOUND:
    case ERROR_PATH_NOT_FOUND:
        why = "No such file or directory";
        break;
    case ERROR_ACCESS_DENIED:
        why = "Permission denied";
        break;
    case ERROR_BAD_EXE_FORMAT:
    case ERROR_EXE_MACHINE_TYPE_MISMATCH:
        why = "not a program this system can run (exec format error)";
        break;
    default:
        snprintf(other, sizeof other, "Windows error %lu", code);
        why = other;
    }
    pp_error_set(error, PYPROBE_ERR_NOT_FOUND, c->argv[0],
                 "cannot run it: %s", why);
    return PYPROBE_ERR_NOT_FOUND;
}

static pyprobe_status start(child *c, pyprobe_error *error)
{
    SECURITY_ATTRIBUTES inherit = {sizeof inherit, NULL, TRUE};
    HANDLE writes[2] = {NULL, NULL}, null_in = INVALID_HANDLE_VALUE;
    char *line = command_line(c->argv);
    wchar_t *wide_line = line ? pp_win_wide(line) : NULL;
    wchar_t *wide_program = pp_win_wide(c->argv[0]);
    free(line);
    if (!wide_line || !wide_program) {
        free(wide_line);
        free(wide_program);
        return pp_error_set(error, PYPROBE_ERR_INTERNAL, c->argv[0],
                            "cannot make its command line (out of memory, "
                            "or an argument is not UTF-8)");
    }
    pyprobe_status status = PYPROBE_OK;
    DWORD code = 0;
    SOCKET host_out[2] = {INVALID_SOCKET, INVALID_SOCKET};
    int host = host_program(c->argv[0]);
    AcquireSRWLockExclusive(&start_lock);
    if (host && !socket_pair(host_out))
        status = PYPROBE_ERR_INTERNAL;
    for (int i = 0; i < 2 && status == PYPROBE_OK; i++) {
        if (!CreatePipe(&c->pipes[i], &writes[i], &inherit, 65536) ||
            !SetHandleInformation(c->pipes[i], HANDLE_FLAG_INHERIT, 0))
            status = PYPROBE_ERR_INTERNAL;
    }
    if (status == PYPROBE_OK) {
        null_in = CreateFileW(L"NUL", GENERIC_READ,
                              FILE_SHARE_READ | FILE_SHARE_WRITE, &inherit,
                              OPEN_EXISTING, 0, NULL);
        c->job = make_job();
        if (null_in == INVALID_HANDLE_VALUE || !c->job)
            status = PYPROBE_ERR_INTERNAL;
    }
    if (status != PYPROBE_OK) {
        pp_error_set(error, PYPROBE_ERR_INTERNAL, c->argv[0],
                     "cannot make its pipes or job (Windows error %lu)",
                     GetLastError());
    } else {
        STARTUPINFOW si;
        PROCESS_INFORMATION pi;
        memset(&pi, 0, sizeof pi);
        memset(&si, 0, sizeof si);
        si.cb = sizeof si;
        si.dwFlags = STARTF_USESTDHANDLES;
        si.hStdInput = null_in;
        si.hStdOutput = host ? (HANDLE)host_out[0] : writes[0];
        si.hStdError = writes[1];
        if (CreateProcessW(wide_program, wide_line, NULL, NULL, TRUE,
                           CREATE_SUSPENDED, NULL, NULL, &si, &pi)) {
            c->process = pi.hProcess;
            /* Into the job before it runs a single instruction. Where
             * that fails, the process alone is ended. No process handle:
             * Wine started a host program (see above), running already. */
            if (c->process) {
                AssignProcessToJobObject(c->job, pi.hProcess);
                c->slot = remember(c->job);
                ResumeThread(pi.hThread);
                CloseHandle(pi.hThread);
            }
        } else {
            code = GetLastError();
            status = PYPROBE_ERR_NOT_FOUND;
        }
    }
    /* The write ends and standard input are the child's now. */
    for (int i = 0; i < 2; i++)
        if (writes[i])
            CloseHandle(writes[i]);
    if (null_in != INVALID_HANDLE_VALUE)
        CloseHandle(null_in);
    if (host_out[0] != INVALID_SOCKET)
        closesocket(host_out[0]);
    c->socket = host_out[1];
    if (host && c->pipes[0]) {         /* standard output is the socket */
        CloseHandle(c->pipes[0]);
        c->pipes[0] = NULL;
    }
    ReleaseSRWLockExclusive(&start_lock);
    free(wide_line);
    free(wide_program);
    if (status == PYPROBE_ERR_NOT_FOUND)
        return start_error(c, code, error);
    return status;
}

/* End the child and everything in its job. */
static void kill_all(child *c)
{
    if (c->job)
        TerminateJobObject(c->job, 1);
    if (c->process)
        TerminateProcess(c->process, 1);
}

static pyprobe_status time_out(child *c, const pp_deadline *deadline,
                               pyprobe_error *error)
{
    kill_all(c);
    return pp_deadline_error(error, c->argv[0], deadline,
                             "killed it and its job (all it started)",
                             "is it waiting for input or hanging?");
}

/* Read what pipe i holds now, without blocking. 1: read something; 0:
 * nothing there; -1: the pipe has ended (it is closed here). */
static int read_available(child *c, int i)
{
    DWORD available = 0;
    if (!PeekNamedPipe(c->pipes[i], NULL, 0, NULL, &available, NULL)) {
        CloseHandle(c->pipes[i]);
        c->pipes[i] = NULL;
        return -1;              /* ERROR_BROKEN_PIPE: all writers gone */
    }
    if (available == 0)
        return 0;
    char chunk[16384];
    DWORD n = 0;
    if (!ReadFile(c->pipes[i], chunk,
                  available < sizeof chunk ? available : sizeof chunk, &n,
                  NULL) || n == 0) {
        CloseHandle(c->pipes[i]);
        c->pipes[i] = NULL;
        return -1;
    }
    pp_strbuf_append(&c->output[i], chunk, n);
    return 1;
}

/* The same for the socket of a host program's standard output. */
static int read_socket(child *c)
{
    fd_set ready;
    struct timeval now = {0, 0};
    FD_ZERO(&ready);
    FD_SET(c->socket, &ready);
    int n = select(0, &ready, NULL, NULL, &now);
    if (n == 0)
        return 0;
    char chunk[16384];
    if (n > 0)
        n = recv(c->socket, chunk, sizeof chunk, 0);
    if (n <= 0) {
        closesocket(c->socket);
        c->socket = INVALID_SOCKET;
        return -1;
    }
    pp_strbuf_append(&c->output[0], chunk, (size_t)n);
    return 1;
}

/* Longest pause between looks at the pipes while nothing comes. */
#define MAX_PAUSE_MS 10

/* Read standard output and error until both end, or until the program
 * itself has exited and what it wrote is read (something it started
 * may hold the pipes open for as long as it likes). */
static pyprobe_status read_output(child *c, const pp_deadline *deadline,
                                  size_t max_output, pyprobe_error *error)
{
    DWORD pause = 1;
    int leader_gone = 0;
    while (c->pipes[0] || c->pipes[1] || c->socket != INVALID_SOCKET) {
        long long left = pp_deadline_left_ms(deadline);
        if (left <= 0)
            return time_out(c, deadline, error);
        int progress = c->socket != INVALID_SOCKET && read_socket(c) != 0;
        for (int i = 0; i < 2; i++) {
            if (c->pipes[i] && read_available(c, i) != 0)
                progress = 1;
            if (c->output[i].length > max_output) {
                pyprobe_status status = pp_error_set(
                    error, PYPROBE_ERR_INTERPRETER, c->argv[0],
                    "printed more than %zu bytes on standard %s; stopped it",
                    max_output, i == 0 ? "output" : "error");
                kill_all(c);
                return status;
            }
        }
        if (progress) {
            pause = 1;
            continue;
        }
        if (leader_gone)
            break;                      /* exited, and all of it read */
        DWORD wait = left < (long long)pause ? (DWORD)left : pause;
        if (c->process)
            leader_gone = WaitForSingleObject(c->process, wait) ==
                          WAIT_OBJECT_0;
        else
            Sleep(wait);
        if (pause < MAX_PAUSE_MS)
            pause *= 2;
    }
    return PYPROBE_OK;
}

static pyprobe_status wait_for_exit(child *c, const pp_deadline *deadline,
                                    pyprobe_error *error)
{
    while (c->process) {
        long long left = pp_deadline_left_ms(deadline);
        if (left <= 0)
            return time_out(c, deadline, error);
        DWORD wait = left > 0x7ffffff0LL ? 0x7ffffff0 : (DWORD)left;
        DWORD rc = WaitForSingleObject(c->process, wait);
        if (rc == WAIT_OBJECT_0)
            return PYPROBE_OK;
        if (rc != WAIT_TIMEOUT)
            return pp_error_set(error, PYPROBE_ERR_INTERNAL, c->argv[0],
                                "cannot wait for it (Windows error %lu)",
                                GetLastError());
    }
    return PYPROBE_OK;
}

/* Its exit code, and stragglers in its job ended; output to result. */
static pyprobe_status collect(child *c, pp_run_result *result,
                              pyprobe_error *error)
{
    DWORD code = 0;
    if (c->process && GetExitCodeProcess(c->process, &code)) {
        result->exited = 1;
        result->exit_status = (int)code;
    }
    kill_all(c);
    return pp_run_result_take(result, &c->output[0], &c->output[1], error);
}

pyprobe_status pp_run(char *const argv[], const pp_deadline *deadline,
                      size_t max_output, pp_run_result *result,
                      pyprobe_error *error)
{
    child c = {.argv = argv, .slot = -1, .socket = INVALID_SOCKET,
               .output = {PP_STRBUF_INIT, PP_STRBUF_INIT}};
    memset(result, 0, sizeof *result);
    pyprobe_status status = start(&c, error);
    if (status == PYPROBE_OK)
        status = read_output(&c, deadline, max_output, error);
    if (status == PYPROBE_OK)
        status = wait_for_exit(&c, deadline, error);
    if (status == PYPROBE_OK)
        status = collect(&c, result, error);
    if (c.slot >= 0)
        InterlockedExchangePointer((PVOID volatile *)&running[c.slot], NULL);
    for (int i = 0; i < 2; i++) {
        if (c.pipes[i])
            CloseHandle(c.pipes[i]);
        pp_strbuf_release(&c.output[i]);
    }
    if (c.socket != INVALID_SOCKET)
        closesocket(c.socket);
    if (c.process)
        CloseHandle(c.process);
    if (c.job)
        CloseHandle(c.job);
    return status;
}
