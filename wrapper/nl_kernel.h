/*
 * What the kernel knows about a TCP socket, read at the few moments that
 * matter (established, idle check, close): never per call.
 */
#ifndef NL_KERNEL_H
#define NL_KERNEL_H

#include <stdint.h>
#include <sys/socket.h>

struct nl_tcp {
	int		valid;		/* TCP_INFO was read */
	uint8_t		state;
	uint8_t		retransmits;
	uint32_t	lost;
	uint32_t	last_data_sent;	/* ms ago */
	uint32_t	last_data_recv;	/* ms ago */
	uint32_t	rtt;		/* µs */
	uint32_t	rttvar;
	uint32_t	snd_cwnd;
	uint32_t	total_retrans;
	uint64_t	bytes_acked;
	uint64_t	bytes_received;
	uint32_t	segs_out;
	uint32_t	segs_in;
	uint32_t	data_segs_in;
	uint32_t	data_segs_out;
	uint32_t	dsack_dups;
	uint32_t	reord_seen;
	uint32_t	rcv_ooopack;
	int		have_ooopack;	/* the kernel is new enough */
	uint32_t	unacked;	/* segments sent, not acknowledged */
	uint32_t	notsent_bytes;	/* written, not yet sent */
	int		have_bytes;	/* bytes_received/acked are there */
	int		have_notsent;	/* notsent_bytes is there */
};

struct nl_close_facts {
	struct sockaddr_storage local;
	socklen_t	local_len;
	int		unread;		/* SIOCINQ, -1 unknown */
	int		unsent;		/* SIOCOUTQ, -1 unknown */
	int		so_error;
	struct nl_tcp	tcp;
};

void		 nl_kernel_tcp(int fd, struct nl_tcp *);
void		 nl_kernel_close_facts(int fd, struct nl_close_facts *,
		    int want_local, uint64_t read_by_client);
int		 nl_kernel_local(int fd, struct sockaddr_storage *, socklen_t *);
const char	*nl_tcp_state_name(unsigned state);

#endif
