/* run.c - run a program with a time limit and an output limit (POSIX).
 *
 * posix_spawn keeps the cost of a probe down to the interpreter itself.
 * The child gets its own process group so that a time-out can kill
 * everything it started (a wrapper script and its python, a background
 * job), not just the process we know about. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "probe/run.h"
#include "util/deadline.h"
#include "util/error.h"
#include "util/strbuf.h"

extern char **environ;

static int make_pipe(int fds[2])
{
#ifdef HAVE_PIPE2
    return pipe2(fds, O_CLOEXEC);
#else
    /* macOS: no pipe2. Another thread of pyprobe list may spawn between
     * the two calls; POSIX_SPAWN_CLOEXEC_DEFAULT (below), which macOS
     * has, keeps its child from inheriting these ends meanwhile. */
    if (pipe(fds) != 0)
        return -1;
    if (fcntl(fds[0], F_SETFD, FD_CLOEXEC) != 0 ||
        fcntl(fds[1], F_SETFD, FD_CLOEXEC) != 0) {
        int saved = errno;
        close(fds[0]);
        close(fds[1]);
        fds[0] = fds[1] = -1; /* the caller closes what is still open */
        errno = saved;
        return -1;
    }
    return 0;
#endif
}

/* Where spawn.h has it (macOS): the child gets only the descriptors the
 * file actions name, whatever other threads have open. */
#ifdef POSIX_SPAWN_CLOEXEC_DEFAULT
#define SPAWN_CLOEXEC_DEFAULT POSIX_SPAWN_CLOEXEC_DEFAULT
#else
#define SPAWN_CLOEXEC_DEFAULT 0
#endif

static pyprobe_status spawn(char *const argv[], int out_fd, int err_fd,
                            pid_t *pid, pyprobe_error *error)
{
    posix_spawn_file_actions_t actions;
    posix_spawnattr_t attr;
    sigset_t empty, defaults;
    int rc;

    posix_spawn_file_actions_init(&actions);
    posix_spawnattr_init(&attr);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&actions, out_fd, 1);
    posix_spawn_file_actions_adddup2(&actions, err_fd, 2);
    sigemptyset(&empty);
    sigemptyset(&defaults);
    int reset[] = {SIGPIPE, SIGINT, SIGQUIT, SIGTERM, SIGHUP, SIGCHLD,
                   SIGALRM, SIGUSR1, SIGUSR2};
    for (size_t i = 0; i < sizeof reset / sizeof reset[0]; i++)
        sigaddset(&defaults, reset[i]);
    posix_spawnattr_setsigmask(&attr, &empty);
    posix_spawnattr_setsigdefault(&attr, &defaults);
    posix_spawnattr_setpgroup(&attr, 0);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP |
                                        POSIX_SPAWN_SETSIGMASK |
                                        POSIX_SPAWN_SETSIGDEF |
                                        SPAWN_CLOEXEC_DEFAULT);
    rc = posix_spawn(pid, argv[0], &actions, &attr, argv, environ);
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attr);
    if (rc == 0)
        return PYPROBE_OK;
    pp_error_set(error, PYPROBE_ERR_NOT_FOUND, argv[0], "cannot run it: %s",
                 rc == ENOEXEC ? "not a program this system can run "
                                 "(exec format error)"
                               : strerror(rc));
    return PYPROBE_ERR_NOT_FOUND;
}

/* The process groups of the children running now, so that a program
 * stopped by a signal can end them (pyprobe_kill_children): each child
 * has a process group of its own, which a terminal's Ctrl-C or a CI
 * job's SIGTERM to our group does not reach. Lock-free atomics keep this
 * usable from a signal handler and from pyprobe list's threads. */
#define MAX_RUNNING 128
static atomic_long running[MAX_RUNNING];

static int remember(pid_t pid)
{
    for (int i = 0; i < MAX_RUNNING; i++) {
        long expected = 0;
        if (atomic_compare_exchange_strong(&running[i], &expected,
                                           (long)pid))
            return i;
    }
    return -1;      /* more children than slots: they go unremembered */
}

void pyprobe_kill_children(void)
{
    for (int i = 0; i < MAX_RUNNING; i++) {
        long pid = atomic_load(&running[i]);
        if (pid > 0)
            kill(-(pid_t)pid, SIGKILL);
    }
}

/* Kill the whole group, then reap the leader. Killing first, while the
 * leader is at most a zombie, means the group id cannot have been
 * reused by an unrelated process; it is forgotten before the reaping for
 * the same reason. */
static void kill_and_reap(pid_t pid, int slot, int *status)
{
    kill(-pid, SIGKILL);
    kill(pid, SIGKILL);
    if (slot >= 0)
        atomic_store(&running[slot], 0);
    while (waitpid(pid, status, 0) < 0 && errno == EINTR)
        ;
}

/* How often to look whether the interpreter has exited while its
 * output pipes stay open. */
#define LEADER_CHECK_MS 50

/* 1 if pid has exited (it stays a zombie, to be reaped later). */
static int has_exited(pid_t pid)
{
    siginfo_t info;
    memset(&info, 0, sizeof info);
    while (waitid(P_PID, (id_t)pid, &info, WEXITED | WNOHANG | WNOWAIT) < 0)
        if (errno != EINTR)
            return 0;
    return info.si_pid == pid;
}

static void close_if_open(int fd)
{
    if (fd >= 0)
        close(fd);
}

/* A program being run: its process, the read ends of its output pipes
 * and what it has written so far. */
typedef struct child {
    char *const *argv;
    pid_t pid;
    int slot;                  /* its place in running[], or -1 */
    struct pollfd fds[2];      /* standard output and error; -1: closed */
    pp_strbuf output[2];       /* what each of them brought */
    int wait_status;
} child;

/* Start argv[0] in a process group of its own, its output going to two
 * new pipes whose read ends c keeps. */
static pyprobe_status start(child *c, pyprobe_error *error)
{
    int out_pipe[2] = {-1, -1}, err_pipe[2] = {-1, -1};
    pyprobe_status status;
    if (make_pipe(out_pipe) != 0 || make_pipe(err_pipe) != 0)
        status = pp_error_set(error, PYPROBE_ERR_INTERNAL, c->argv[0],
                              "cannot create a pipe: %s", strerror(errno));
    else
        status = spawn(c->argv, out_pipe[1], err_pipe[1], &c->pid, error);
    /* The write ends are the child's now (if it runs). */
    close_if_open(out_pipe[1]);
    close_if_open(err_pipe[1]);
    if (status != PYPROBE_OK) {
        close_if_open(out_pipe[0]);
        close_if_open(err_pipe[0]);
        return status;
    }
    c->slot = remember(c->pid);
    c->fds[0].fd = out_pipe[0];
    c->fds[1].fd = err_pipe[0];
    return PYPROBE_OK;
}

/* The deadline has passed: end the child and everything it started. */
static pyprobe_status time_out(child *c, const pp_deadline *deadline,
                               pyprobe_error *error)
{
    kill_and_reap(c->pid, c->slot, &c->wait_status);
    return pp_deadline_error(error, c->argv[0], deadline,
                             "killed it and its process group",
                             "is it waiting for input or hanging?");
}

/* Read from the pipes poll found ready; a pipe that ends is closed and
 * no longer counted in *open_fds. More than max_output bytes on either
 * stream ends the child. */
static pyprobe_status read_ready(child *c, size_t max_output, int *open_fds,
                                 pyprobe_error *error)
{
    for (int i = 0; i < 2; i++) {
        if (c->fds[i].fd < 0 ||
            !(c->fds[i].revents & (POLLIN | POLLHUP | POLLERR)))
            continue;
        char chunk[16384];
        ssize_t n = read(c->fds[i].fd, chunk, sizeof chunk);
        if (n < 0 && (errno == EINTR || errno == EAGAIN))
            continue;
        if (n <= 0) {
            close(c->fds[i].fd);
            c->fds[i].fd = -1;
            (*open_fds)--;
            continue;
        }
        if (c->output[i].length + (size_t)n > max_output) {
            pyprobe_status status = pp_error_set(
                error, PYPROBE_ERR_INTERPRETER, c->argv[0],
                "printed more than %zu bytes on standard %s; stopped it",
                max_output, i == 0 ? "output" : "error");
            kill_and_reap(c->pid, c->slot, &c->wait_status);
            return status;
        }
        pp_strbuf_append(&c->output[i], chunk, (size_t)n);
    }
    return PYPROBE_OK;
}

/* Read standard output and error until both close. Once the interpreter
 * itself has exited, everything it wrote is in the pipes: read that and
 * stop, rather than wait for the end of files that something it started
 * (a daemon in its own session, a background job) may hold open until
 * the time limit. The deadline, or too much output, ends the child. */
static pyprobe_status read_output(child *c, const pp_deadline *deadline,
                                  size_t max_output, pyprobe_error *error)
{
    int open_fds = 2;
    int leader_gone = 0;
    long long next_check = pp_clock_ms() + LEADER_CHECK_MS;
    while (open_fds > 0) {
        long long now = pp_clock_ms(), left = pp_deadline_left_ms(deadline);
        if (left <= 0)
            return time_out(c, deadline, error);
        /* Also while output keeps coming: from a background job, it
         * would otherwise hold us until the time limit. */
        if (!leader_gone && now >= next_check) {
            leader_gone = has_exited(c->pid);
            next_check = now + LEADER_CHECK_MS;
        }
        /* What the interpreter wrote is at most two pipe buffers, read
         * long before this; more is someone else's. */
        if (leader_gone && now >= next_check)
            break;
        int wait_ms = leader_gone ? 0
                      : left < LEADER_CHECK_MS ? (int)left : LEADER_CHECK_MS;
        int ready = poll(c->fds, 2, wait_ms);
        if (ready < 0 && errno == EINTR)
            continue;
        if (ready == 0) {
            if (leader_gone)
                break;                  /* drained */
            leader_gone = has_exited(c->pid);
            next_check = pp_clock_ms() + LEADER_CHECK_MS;
            continue;
        }
        if (ready < 0) {
            pyprobe_status status = pp_error_set(
                error, PYPROBE_ERR_INTERNAL, c->argv[0], "poll failed: %s",
                strerror(errno));
            kill_and_reap(c->pid, c->slot, &c->wait_status);
            return status;
        }
        pyprobe_status status = read_ready(c, max_output, &open_fds, error);
        if (status != PYPROBE_OK)
            return status;
    }
    return PYPROBE_OK;
}

/* Both streams are closed; the leader is exiting. Poll for its end,
 * first often (it is usually a few microseconds away), then less. */
static pyprobe_status wait_for_exit(child *c, const pp_deadline *deadline,
                                    pyprobe_error *error)
{
    long pause_ns = 10000;
    for (;;) {
        siginfo_t info;
        memset(&info, 0, sizeof info);
        int rc = waitid(P_PID, (id_t)c->pid, &info,
                        WEXITED | WNOHANG | WNOWAIT);
        if (rc < 0 && errno == EINTR)
            continue;
        if (rc < 0)
            return pp_error_set(error, PYPROBE_ERR_INTERNAL, c->argv[0],
                                "cannot wait for it: %s", strerror(errno));
        if (info.si_pid == c->pid)
            return PYPROBE_OK;
        if (pp_deadline_left_ms(deadline) <= 0)
            return time_out(c, deadline, error);
        struct timespec pause = {0, pause_ns};
        nanosleep(&pause, NULL);
        if (pause_ns < 1000000)
            pause_ns *= 2;
    }
}

/* Reap the child (and end stragglers in its group); hand its exit
 * status and output to result. */
static pyprobe_status collect(child *c, pp_run_result *result,
                              pyprobe_error *error)
{
    kill_and_reap(c->pid, c->slot, &c->wait_status);
    if (WIFEXITED(c->wait_status)) {
        result->exited = 1;
        result->exit_status = WEXITSTATUS(c->wait_status);
    } else if (WIFSIGNALED(c->wait_status)) {
        result->signaled = 1;
        result->term_signal = WTERMSIG(c->wait_status);
    }
    return pp_run_result_take(result, &c->output[0], &c->output[1], error);
}

pyprobe_status pp_run(char *const argv[], const pp_deadline *deadline,
                      size_t max_output, pp_run_result *result,
                      pyprobe_error *error)
{
    child c = {.argv = argv, .pid = -1, .slot = -1,
               .fds = {{.fd = -1, .events = POLLIN},
                       {.fd = -1, .events = POLLIN}},
               .output = {PP_STRBUF_INIT, PP_STRBUF_INIT}};
    memset(result, 0, sizeof *result);
    pyprobe_status status = start(&c, error);
    if (status == PYPROBE_OK)
        status = read_output(&c, deadline, max_output, error);
    if (status == PYPROBE_OK)
        status = wait_for_exit(&c, deadline, error);
    if (status == PYPROBE_OK)
        status = collect(&c, result, error);
    for (int i = 0; i < 2; i++) {
        close_if_open(c.fds[i].fd);
        pp_strbuf_release(&c.output[i]);
    }
    return status;
}
