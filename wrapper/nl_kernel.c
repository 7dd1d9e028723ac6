/*
 * Reading TCP_INFO, SIOCINQ/SIOCOUTQ, SO_LINGER and SO_ERROR.  This is the
 * only file that includes <linux/tcp.h> (it clashes with <netinet/tcp.h>),
 * for the fields glibc's struct lacks (segs_in, rcv_ooopack, dsack_dups).
 */
#include "config.h"

#include <linux/sockios.h>
#include <linux/tcp.h>
#include <netinet/in.h>
#include <stddef.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>

#include "nl_kernel.h"
#include "nl_real.h"

/* Has the kernel filled the field that ends at this offset? */
#define NL_HAS(len, field) \
	((len) >= offsetof(struct tcp_info, field) + \
	    sizeof(((struct tcp_info *)0)->field))

/* Copy what this kernel gives from struct tcp_info. */
void
nl_kernel_tcp(int fd, struct nl_tcp *t)
{
	struct tcp_info ti;
	socklen_t len = sizeof(ti);

	memset(t, 0, sizeof(*t));
	memset(&ti, 0, sizeof(ti));
	if (nl_real.getsockopt(fd, IPPROTO_TCP, TCP_INFO, &ti, &len) != 0 ||
	    !NL_HAS(len, tcpi_total_retrans))
		return;
	t->valid = 1;
	t->state = ti.tcpi_state;
	t->retransmits = ti.tcpi_retransmits;
	t->lost = ti.tcpi_lost;
	t->last_data_sent = ti.tcpi_last_data_sent;
	t->last_data_recv = ti.tcpi_last_data_recv;
	t->rtt = ti.tcpi_rtt;
	t->rttvar = ti.tcpi_rttvar;
	t->snd_cwnd = ti.tcpi_snd_cwnd;
	t->total_retrans = ti.tcpi_total_retrans;
	t->unacked = ti.tcpi_unacked;
	if (NL_HAS(len, tcpi_segs_in)) {
		t->have_bytes = 1;
		t->bytes_acked = ti.tcpi_bytes_acked;
		t->bytes_received = ti.tcpi_bytes_received;
		t->segs_out = ti.tcpi_segs_out;
		t->segs_in = ti.tcpi_segs_in;
	}
	if (NL_HAS(len, tcpi_notsent_bytes)) {
		t->notsent_bytes = ti.tcpi_notsent_bytes;
		t->have_notsent = 1;
	}
	if (NL_HAS(len, tcpi_data_segs_out)) {
		t->data_segs_in = ti.tcpi_data_segs_in;
		t->data_segs_out = ti.tcpi_data_segs_out;
	}
	if (NL_HAS(len, tcpi_reord_seen)) {
		t->dsack_dups = ti.tcpi_dsack_dups;
		t->reord_seen = ti.tcpi_reord_seen;
	}
	if (NL_HAS(len, tcpi_rcv_ooopack)) {
		t->rcv_ooopack = ti.tcpi_rcv_ooopack;
		t->have_ooopack = 1;
	}
}

/* The local address, once the socket is bound (connect did that). */
int
nl_kernel_local(int fd, struct sockaddr_storage *ss, socklen_t *len)
{
	*len = sizeof(*ss);
	if (getsockname(fd, (struct sockaddr *)ss, len) != 0) {
		*len = 0;
		return -1;
	}
	return 0;
}

/* Has the server's FIN been received (the states after it)? */
static int
nl_fin_received(unsigned state)
{
	return state == 8 /* CLOSE_WAIT */ || state == 9 /* LAST_ACK */ ||
	    state == 11 /* CLOSING */ || state == 6 /* TIME_WAIT */;
}

/*
 * Everything worth knowing just before the real close(): this is where
 * the kernel decides between FIN and RST (unread data, linger 0).  The
 * local address is asked only if the connection never learned it.
 *
 * TCP_INFO comes first, because it can prove the common case without two
 * more system calls: SIOCINQ is rcv_nxt - copied_seq (less a received
 * FIN), and bytes_received is rcv_nxt - irs - 1, so if the client read
 * (through the shim: the shim never over-counts) every byte received,
 * nothing is unread; SIOCOUTQ is write_seq - snd_una, which no unacked
 * segment and no unsent byte make 0.  Otherwise the kernel is asked.
 */
void
nl_kernel_close_facts(int fd, struct nl_close_facts *f, int want_local,
    uint64_t read_by_client)
{
	socklen_t len;
	const struct nl_tcp *t = &f->tcp;

	memset(f, 0, sizeof(*f));
	if (want_local)
		nl_kernel_local(fd, &f->local, &f->local_len);
	nl_kernel_tcp(fd, &f->tcp);
	if (!(t->valid && t->have_bytes && (t->bytes_received ==
	    read_by_client || (t->bytes_received == read_by_client + 1 &&
	    nl_fin_received(t->state))) ) &&
	    ioctl(fd, SIOCINQ, &f->unread) != 0)
		f->unread = -1;
	if (!(t->valid && t->have_notsent && t->unacked == 0 &&
	    t->notsent_bytes == 0) &&
	    ioctl(fd, SIOCOUTQ, &f->unsent) != 0)
		f->unsent = -1;
	/*
	 * A pending error comes with a reset (state CLOSE) or a failed
	 * connect; on a live connection it is 0, and not worth a syscall.
	 */
	if (!t->valid || t->state == 7 /* CLOSE */ ||
	    t->state == 2 /* SYN_SENT */) {
		len = sizeof(f->so_error);
		if (nl_real.getsockopt(fd, SOL_SOCKET, SO_ERROR, &f->so_error,
		    &len) != 0)
			f->so_error = 0;
	}
}

/* The kernel's TCP state names (include/net/tcp_states.h). */
const char *
nl_tcp_state_name(unsigned state)
{
	static const char *const names[] = {
		"-", "ESTABLISHED", "SYN_SENT", "SYN_RECV", "FIN_WAIT1",
		"FIN_WAIT2", "TIME_WAIT", "CLOSE", "CLOSE_WAIT", "LAST_ACK",
		"LISTEN", "CLOSING", "NEW_SYN_RECV"
	};

	return state < sizeof(names) / sizeof(names[0]) ? names[state] : "-";
}
