#!/bin/bash
# make-nginx-conf.sh PREFIX WWW PORT SCHEDULER_PORT KEEPALIVE(0|1) ACCESS_LOG ERROR_LOG
#
# Prints an nginx configuration for the rig's front end: one foreground
# process (no daemon, no master/worker split, nothing under /etc or /var)
# that serves the project's files from WWW on 127.0.0.1:PORT and proxies
# POST /cgi to the scheduler on 127.0.0.1:SCHEDULER_PORT.
#
# The access log is ground truth for the tests: per request the time, the
# client's address and port, nginx's connection number and the request's
# number on it, the request, its status, and the bytes read from and
# written to the client (request line, headers and body included).
# KEEPALIVE=0 makes nginx close every connection after one response.
#
# Optional, from the environment (unset: plain HTTP as above):
#   NGINX_TLS_CERT, NGINX_TLS_KEY  serve HTTPS with this certificate and key
#   NGINX_HTTP2=1                  with TLS, offer HTTP/2 (ALPN h2)
#   NGINX_DOWNLOAD_RATE=RATE       limit_rate for /download/ (e.g. 128k)
#   NGINX_COOKIE_FILE=FILE         every response sets the cookie
#                                  "session=<the file's first line>"
#   NGINX_LISTEN_ADDR=ADDRESS      listen there instead of 127.0.0.1
#   NGINX_KEEPALIVE_TIMEOUT=TIME   with KEEPALIVE=1, how long an idle
#                                  connection is kept (default 75s)
#   NGINX_XCHG_LOG=FILE            a second access log with one
#                                  key=value line per request (format
#                                  "xchg" below): protocol, timing, and
#                                  header and body byte counts; the URI
#                                  is logged without its query string
set -euo pipefail

prefix=${1:?prefix} www=${2:?www} port=${3:?port} sched_port=${4:?scheduler port}
keepalive=${5:?keepalive 0 or 1} access_log=${6:?access log} error_log=${7:?error log}

if [ "$keepalive" = 1 ]; then
	keepalive_conf="keepalive_timeout ${NGINX_KEEPALIVE_TIMEOUT:-75s}; keepalive_requests 1000;"
else
	keepalive_conf="keepalive_timeout 0;"
fi

listen_addr=${NGINX_LISTEN_ADDR:-127.0.0.1}
listen_conf="listen $listen_addr:$port;"
if [ -n "${NGINX_TLS_CERT:-}" ]; then
	listen_conf="listen $listen_addr:$port ssl${NGINX_HTTP2:+ http2};
    ssl_certificate $NGINX_TLS_CERT;
    ssl_certificate_key $NGINX_TLS_KEY;"
fi
download_conf=''
[ -n "${NGINX_DOWNLOAD_RATE:-}" ] &&
	download_conf="location /download/ { limit_rate $NGINX_DOWNLOAD_RATE; }"
cookie_conf=''
if [ -n "${NGINX_COOKIE_FILE:-}" ]; then
	read -r cookie < "$NGINX_COOKIE_FILE"
	cookie_conf="add_header Set-Cookie \"session=$cookie\" always;"
fi
xchg_log_conf=''
[ -n "${NGINX_XCHG_LOG:-}" ] && xchg_log_conf="access_log $NGINX_XCHG_LOG xchg;"

cat <<CONF
daemon off;
master_process off;
pid $prefix/nginx.pid;
error_log $error_log info;
events { worker_connections 64; }
http {
  log_format rig '\$msec \$remote_addr \$remote_port \$connection'
                 ' \$connection_requests "\$request" \$status'
                 ' \$request_length \$bytes_sent';
  log_format xchg 'msec=\$msec request_time=\$request_time'
                  ' port=\$remote_port connection=\$connection'
                  ' connection_requests=\$connection_requests'
                  ' protocol=\$server_protocol method=\$request_method'
                  ' uri="\$uri" query=\$is_args status=\$status'
                  ' request_length=\$request_length'
                  ' request_body=\$content_length bytes_sent=\$bytes_sent'
                  ' body_bytes_sent=\$body_bytes_sent';
  access_log $access_log rig;
  $xchg_log_conf
  client_body_temp_path $prefix/body;
  proxy_temp_path $prefix/proxy;
  fastcgi_temp_path $prefix/fastcgi;
  uwsgi_temp_path $prefix/uwsgi;
  scgi_temp_path $prefix/scgi;
  default_type application/octet-stream;
  server_tokens off;
  $keepalive_conf
  server {
    $listen_conf
    root $www;
    $cookie_conf
    location = /cgi {
      proxy_pass http://127.0.0.1:$sched_port;
      proxy_set_header X-Real-IP \$remote_addr;
      proxy_set_header X-Client-Port \$remote_port;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
    }
    location = /ref { return 200 "ok\n"; }
    $download_conf
  }
}
CONF
