/*
 * raw_fork HOST PORT: threads making connections while the main thread
 * forks children.  The children close inherited descriptors (or not), make
 * their own connections (paths under /child/, which must never appear in
 * the trace), and leave by exit(), _exit() or exec() of this program in
 * child mode.  The parent bounds every wait: a child that hangs (a lock
 * held across fork) fails the test.  In child mode ("--exec-child HOST
 * PORT") the program makes one connection and prints whether the shim is
 * still in its LD_PRELOAD.
 */
#include <config.h>

#include "rawnet.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define THREADS		4
#define CONNS_PER_THREAD 25
#define CHILDREN	24
#define CHILD_WAIT_MS	15000

struct worker {
	const struct rn_target *target;
	int id;
};

/* One thread's connections: one or two requests each, then close. */
static void *worker_main(void *arg)
{
	const struct worker *w = arg;
	char path[64];

	for (int j = 0; j < CONNS_PER_THREAD; j++) {
		int s = rn_connect(w->target);
		int requests = 1 + j % 2;
		size_t got = 0;
		for (int r = 0; r < requests; r++) {
			snprintf(path, sizeof path, "/bytes/%d", 100 * w->id + j + r);
			got += rn_get(s, path);
		}
		rn_expect(s, "recv=%zu close=FIN server.requests=%d server.end=eof", got, requests);
		close(s);
	}
	return NULL;
}

/* A child's own connection, on a /child/ path. */
static void child_exchange(const struct rn_target *t)
{
	int s = rn_connect(t);

	rn_get(s, "/child/bytes/50");
	close(s);
}

/* The forked child: kind 0 closes all it inherited and exit()s, kind 1
 * leaves them to _exit(), kind 2 execs this program in child mode. */
static void child_main(const struct rn_target *t, int kind, char *host, char *port)
{
	if (kind == 0) {
		for (int fd = 3; fd < 1024; fd++)
			close(fd);
		child_exchange(t);
		exit(0);
	}
	if (kind == 1) {
		child_exchange(t);
		_exit(0);
	}
	char *args[] = {"raw_fork", "--exec-child", host, port, NULL};
	execv("/proc/self/exe", args);
	_exit(127);
}

/* Milliseconds on the monotonic clock. */
static long long mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Waits for every child until a common deadline; kills and reports hung ones. */
static bool reap_children(const pid_t *pids, int n)
{
	long long deadline = mono_ms() + CHILD_WAIT_MS;
	bool ok = true;

	for (int i = 0; i < n; i++) {
		int status;
		pid_t r;
		while ((r = waitpid(pids[i], &status, WNOHANG)) == 0 && mono_ms() < deadline)
			rn_sleep_ms(10);
		if (r == 0) {
			fprintf(stderr, "FAIL: child %d (kind %d) hung: deadlock after fork?\n",
				(int)pids[i], i % 3);
			kill(pids[i], SIGKILL);
			waitpid(pids[i], &status, 0);
			ok = false;
		} else if (r < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
			fprintf(stderr, "FAIL: child %d (kind %d) ended badly (status %#x)\n",
				(int)pids[i], i % 3, (unsigned)status);
			ok = false;
		}
	}
	return ok;
}

/* Child mode after exec: one connection, then report LD_PRELOAD. */
static int exec_child_main(const struct rn_target *t)
{
	const char *preload = getenv("LD_PRELOAD");

	child_exchange(t);
	printf("child-preload=%s\n",
	       preload && strstr(preload, "libnetlife") ? "present" : "absent");
	return 0;
}

int main(int argc, char **argv)
{
	struct rn_target t;
	pthread_t threads[THREADS];
	struct worker workers[THREADS];
	pid_t pids[CHILDREN];

	if (argc == 4 && strcmp(argv[1], "--exec-child") == 0) {
		rn_target(&t, argv[2], argv[3]);
		return exec_child_main(&t);
	}
	if (argc != 3)
		rn_die("usage: raw_fork HOST PORT");
	rn_target(&t, argv[1], argv[2]);
	setvbuf(stdout, NULL, _IOLBF, 0);
	printf("pid=%d\n", (int)getpid());

	for (int i = 0; i < THREADS; i++) {
		workers[i] = (struct worker){.target = &t, .id = i + 1};
		if ((errno = pthread_create(&threads[i], NULL, worker_main, &workers[i])))
			rn_die("pthread_create");
	}
	for (int i = 0; i < CHILDREN; i++) {
		pids[i] = fork();
		if (pids[i] < 0)
			rn_die("fork");
		if (pids[i] == 0)
			child_main(&t, i % 3, argv[1], argv[2]);
		rn_sleep_ms(5);
	}
	bool ok = reap_children(pids, CHILDREN);
	for (int i = 0; i < THREADS; i++)
		pthread_join(threads[i], NULL);
	printf("parent_conns=%d children=%d exec_children=%d\n", THREADS * CONNS_PER_THREAD,
	       CHILDREN, (CHILDREN + 1) / 3);
	return ok ? 0 : 1;
}
