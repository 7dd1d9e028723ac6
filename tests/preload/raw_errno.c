/*
 * raw_errno HOST PORT CLOSED_PORT: what the program sees (return values,
 * errno) in failing and odd calls, one line per case.  The test runs it with
 * and without the shim and compares the outputs, which must be identical:
 * the shim may watch, never change.  No line depends on descriptor numbers
 * or ports, since the shim's trace file may take a descriptor.
 */
#include <config.h>

#include "rawnet.h"

#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/uio.h>
#include <unistd.h>

#define BAD_FD 1000	/* never open here */

/* Prints one case: its return value and, if it failed, errno's name. */
static void report(const char *name, long ret, int err)
{
	printf("case=%s ret=%ld errno=%s\n", name, ret, ret < 0 ? strerrorname_np(err) : "-");
}

#define CASE(name, call) do { errno = 0; long r_ = (long)(call); report(name, r_, errno); } while (0)

/* A TCP socket of the target's family, not connected. */
static int tcp_socket(const struct rn_target *t)
{
	int fd = socket(t->family, SOCK_STREAM, 0);

	if (fd < 0)
		rn_die("socket");
	return fd;
}

/* Connect failures: refused at once (blocking) and later (non-blocking). */
static void connect_cases(const struct rn_target *closed)
{
	int s = tcp_socket(closed);
	CASE("connect_refused", connect(s, (const struct sockaddr *)&closed->addr, closed->addr_len));
	CASE("connect_refused_again", connect(s, (const struct sockaddr *)&closed->addr, closed->addr_len));
	close(s);

	s = socket(closed->family, SOCK_STREAM | SOCK_NONBLOCK, 0);
	CASE("connect_nonblock", connect(s, (const struct sockaddr *)&closed->addr, closed->addr_len));
	struct pollfd p = {.fd = s, .events = POLLOUT};
	CASE("poll_refused", poll(&p, 1, 5000));
	printf("case=poll_refused_revents out=%d err=%d hup=%d\n", !!(p.revents & POLLOUT),
	       !!(p.revents & POLLERR), !!(p.revents & POLLHUP));
	int soerr = -1;
	socklen_t len = sizeof soerr;
	CASE("so_error", getsockopt(s, SOL_SOCKET, SO_ERROR, &soerr, &len));
	printf("case=so_error_value value=%s\n", soerr ? strerrorname_np(soerr) : "0");
	CASE("so_error_again", getsockopt(s, SOL_SOCKET, SO_ERROR, &soerr, &len));
	printf("case=so_error_again_value value=%s\n", soerr ? strerrorname_np(soerr) : "0");
	CASE("send_after_refused", send(s, "x", 1, MSG_NOSIGNAL));
	close(s);

	s = tcp_socket(closed);
	CASE("connect_null_addr", connect(s, NULL, sizeof(struct sockaddr_in)));
	CASE("connect_short_len", connect(s, (const struct sockaddr *)&closed->addr, 2));
	CASE("connect_bad_fd", connect(BAD_FD, (const struct sockaddr *)&closed->addr, closed->addr_len));
	close(s);
}

/* Calls on descriptors that are closed, or are not sockets. */
static void descriptor_cases(void)
{
	char buf[16];
	struct iovec iov = {buf, sizeof buf};
	struct msghdr msg = {.msg_iov = &iov, .msg_iovlen = 1};
	int pipefd[2];

	if (pipe(pipefd) < 0)
		rn_die("pipe");
	CASE("recv_not_socket", recv(pipefd[0], buf, sizeof buf, MSG_DONTWAIT));
	CASE("send_not_socket", send(pipefd[1], "x", 1, 0));
	CASE("recvmsg_not_socket", recvmsg(pipefd[0], &msg, MSG_DONTWAIT));
	CASE("sendmsg_not_socket", sendmsg(pipefd[1], &msg, 0));
	CASE("shutdown_not_socket", shutdown(pipefd[0], SHUT_RDWR));
	CASE("getsockopt_not_socket", getsockopt(pipefd[0], SOL_SOCKET, SO_ERROR, buf, &(socklen_t){4}));
	CASE("write_pipe", write(pipefd[1], "abc", 3));
	CASE("readv_pipe", readv(pipefd[0], &iov, 1));
	CASE("close_pipe_r", close(pipefd[0]));
	CASE("close_pipe_w", close(pipefd[1]));
	errno = 4242;
	int ok = close(dup(1));
	printf("case=errno_kept_by_close ret=%d errno_after=%d\n", ok, errno);

	CASE("send_closed", send(pipefd[1], "x", 1, 0));
	CASE("recv_closed", recv(pipefd[0], buf, sizeof buf, 0));
	CASE("read_closed", read(pipefd[0], buf, sizeof buf));
	CASE("write_closed", write(pipefd[1], "x", 1));
	CASE("writev_closed", writev(pipefd[1], &iov, 1));
	CASE("sendmsg_closed", sendmsg(BAD_FD, &msg, 0));
	CASE("close_closed", close(pipefd[0]));
	CASE("close_minus_one", close(-1));
	CASE("dup_closed", dup(BAD_FD));
	CASE("dup2_closed", dup2(BAD_FD, BAD_FD + 1));
	CASE("dup3_same", dup3(1, 1, 0));
	CASE("fcntl_dupfd_closed", fcntl(BAD_FD, F_DUPFD, 0));
}

/* Calls on a TCP socket that is not connected, and bad arguments. */
static void unconnected_cases(const struct rn_target *t)
{
	char buf[16];
	int s = tcp_socket(t);
	volatile int minus_one = -1;	/* hidden from the compiler's checks */

	CASE("send_unconnected", send(s, "x", 1, MSG_NOSIGNAL));
	CASE("recv_unconnected", recv(s, buf, sizeof buf, 0));
	CASE("read_unconnected", read(s, buf, sizeof buf));
	CASE("shutdown_unconnected", shutdown(s, SHUT_WR));
	CASE("accept_not_listening", accept(s, NULL, NULL));
	CASE("so_error_unconnected", getsockopt(s, SOL_SOCKET, SO_ERROR, buf, &(socklen_t){4}));
	CASE("sendmsg_null_msg", sendmsg(s, NULL, MSG_NOSIGNAL));
	CASE("recvmsg_null_msg", recvmsg(s, NULL, 0));
	CASE("readv_negative_count", readv(s, NULL, minus_one));
	CASE("writev_negative_count", writev(s, NULL, minus_one));
	int same = dup2(s, s);
	printf("case=dup2_same ok=%d\n", same == s);
	CASE("close_unconnected", close(s));
}

/* A connection to the server: the successful calls and their results. */
static void connected_cases(const struct rn_target *t)
{
	char buf[16];
	struct msghdr nomsg = {0};
	int s = tcp_socket(t);

	CASE("connect_ok", connect(s, (const struct sockaddr *)&t->addr, t->addr_len));
	CASE("connect_again", connect(s, (const struct sockaddr *)&t->addr, t->addr_len));
	CASE("send_null_buf", send(s, NULL, 10, MSG_NOSIGNAL));
	CASE("sendmsg_empty", sendmsg(s, &nomsg, MSG_NOSIGNAL));
	CASE("recv_dontwait_empty", recv(s, buf, sizeof buf, MSG_DONTWAIT));
	static const char req[] = "GET /close/bytes/7 HTTP/1.1\r\nHost: t\r\n\r\n";
	CASE("send_request", send(s, req, sizeof req - 1, MSG_NOSIGNAL));
	CASE("read_response", rn_read_to_eof(s));
	CASE("recv_after_eof", recv(s, buf, sizeof buf, 0));
	CASE("shutdown_rd", shutdown(s, SHUT_RD));
	CASE("shutdown_rdwr", shutdown(s, SHUT_RDWR));
	CASE("send_after_shutdown", send(s, "x", 1, MSG_NOSIGNAL));
	CASE("close_ok", close(s));
	CASE("close_again", close(s));
}

int main(int argc, char **argv)
{
	struct rn_target t, closed;

	if (argc != 4)
		rn_die("usage: raw_errno HOST PORT CLOSED_PORT");
	rn_target(&t, argv[1], argv[2]);
	rn_target(&closed, argv[1], argv[3]);
	connect_cases(&closed);
	descriptor_cases();
	unconnected_cases(&t);
	connected_cases(&t);
	return 0;
}
