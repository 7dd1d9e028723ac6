/*
 * The netlife trace format, version 1: the one definition that the shim,
 * the timeline tool and the BOINC patches all write or read.
 *
 * A trace is a text file of lines.  The first line of every run (and of
 * every file after a rotation) is a header:
 *
 *   #netlife-trace 1 t=1764194537.123456 pid=1234 exe="/usr/bin/boinc" ...
 *
 * Every other line is one event:
 *
 *   26-Nov-2026 22:02:17.123456 t=1764194537.123456 ev=close conn=3 ...
 *
 * The leading stamp is for people (the client's own "%d-%b-%Y %H:%M:%S"
 * style, local time, plus microseconds); t= is the exact time in seconds
 * and microseconds since the epoch (UTC) and is what programs use.  Then
 * come key=value fields separated by one space.  A value that would contain
 * a space, a quote, a backslash, '=' or a control byte is written in double
 * quotes with C escapes (\" \\ \n \r \t \xHH).  Readers ignore keys and
 * events they do not know, so fields may be added without a version change;
 * removing or changing the meaning of one bumps NL_TRACE_VERSION.
 */
#ifndef NETLIFE_TRACE_FORMAT_H
#define NETLIFE_TRACE_FORMAT_H

#define NL_TRACE_VERSION	1
#define NL_TRACE_MAGIC		"#netlife-trace"

/* Events (the value of ev=). */
#define NL_EV_LOG		"log"		/* a line the client wrote to stdout */
#define NL_EV_ESTABLISHED	"established"	/* connect completed (t_connect: begun) */
#define NL_EV_CONNECT_FAIL	"connect_fail"	/* connect failed (now or later) */
#define NL_EV_RESUME		"resume"	/* data again after >= 1 s idle */
#define NL_EV_PEER_FIN		"peer_fin"	/* recv() returned 0: the server closed */
#define NL_EV_PEER_RST		"peer_rst"	/* recv()/send() saw ECONNRESET/EPIPE */
#define NL_EV_SHUTDOWN		"shutdown"	/* the client called shutdown() */
#define NL_EV_CLOSE		"close"		/* the last descriptor was closed */
#define NL_EV_SOCKOPT		"sockopt"	/* SO_LINGER set by the client */
#define NL_EV_EXCHANGE_END	"exchange_end"	/* the transfer is over */
#define NL_EV_GAP		"gap"		/* records were lost (trace unwritable) */
#define NL_EV_NOTE		"note"		/* something the shim wants said once */

/*
 * History letters: one token telling a connection's story, in the spirit
 * of Zeek's conn.log history.  Upper case is the client (this host), lower
 * case the server, as the shim saw it from inside the client.
 */
#define NL_H_CONNECT		'S'	/* connect() called */
#define NL_H_ESTABLISHED	'h'	/* the server completed the handshake */
#define NL_H_CONNECT_FAIL	'e'	/* connect failed (refused, timed out...) */
#define NL_H_SEND		'D'	/* a run of sends (one letter per turn) */
#define NL_H_RECV		'd'	/* a run of receives (one letter per turn) */
#define NL_H_IDLE		'I'	/* >= 1 s without data, then data again */
#define NL_H_PEER_FIN		'f'	/* recv() saw the server's FIN */
#define NL_H_PEER_RST		'r'	/* the server reset the connection */
#define NL_H_SHUTDOWN		'H'	/* the client called shutdown() */
#define NL_H_CLOSE_FIN		'F'	/* close(): the kernel sends a FIN */
#define NL_H_CLOSE_RST		'R'	/* close(): the kernel sends a RST */
#define NL_H_TRUNCATED		'+'	/* history longer than it can hold */

/* An idle gap at least this long is recorded (ev=resume, 'I'). */
#define NL_IDLE_MIN_MS		1000

/* Values of close= (what the kernel does at close, read just before it). */
#define NL_CLOSE_FIN		"FIN"	/* nothing unread, normal linger */
#define NL_CLOSE_RST_UNREAD	"RST_UNREAD"	/* unread bytes: RFC 2525 2.17 */
#define NL_CLOSE_RST_LINGER0	"RST_LINGER0"	/* SO_LINGER with l_linger 0 */
#define NL_CLOSE_NONE		"NONE"	/* never connected, or already reset */
#define NL_CLOSE_UNKNOWN	"UNKNOWN"	/* closed behind the shim's back */

/* Values of kind= (exchange_end). */
#define NL_KIND_SCHED		"scheduler_rpc"
#define NL_KIND_DOWNLOAD	"download"
#define NL_KIND_UPLOAD		"upload"
#define NL_KIND_MASTER		"master_page"
#define NL_KIND_PROJECT_LIST	"project_list"
#define NL_KIND_VERSION		"version_check"
#define NL_KIND_NOTICES		"notices"
#define NL_KIND_OTHER		"other"

/* Values of outcome= (exchange_end). */
#define NL_OUTCOME_COMPLETED	"completed"
#define NL_OUTCOME_FAILED	"failed"
#define NL_OUTCOME_ABORTED	"aborted"

/* Values of closed_first=. */
#define NL_FIRST_CLIENT		"client"
#define NL_FIRST_SERVER		"server"

#endif
