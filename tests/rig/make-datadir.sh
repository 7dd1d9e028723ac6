#!/bin/bash
# make-datadir.sh DATADIR MASTER_URL AUTHENTICATOR GUI_PASSWORD
#
# Writes a throwaway BOINC client data directory that is already attached
# to the rig's project, so the client's first act is a scheduler RPC:
#   - cc_config.xml: no reference site, no project list or version check,
#     no GPUs or benchmarks; log flags for scheduler ops and transfers;
#   - nvc_config.xml: every URL the client may fetch on its own points at
#     the project, so nothing could leave the machine even outside the netns;
#   - account file and client_state.xml written by hand (no --attach_project,
#     no master-page fetch).  client_state.xml must name the installed
#     client's version, or the client takes itself for a newly installed one
#     and fetches the master page first.  sched_rpc_pending 6 is
#     RPC_REASON_INIT.
#
# Optional, from the environment:
#   DATADIR_CA_BUNDLE=FILE     copied to DATADIR/ca-bundle.crt, the only CAs
#                              the client then trusts (for https:// URLs)
#   DATADIR_PROXY_USER, DATADIR_PROXY_PASSWD
#                              an HTTP proxy (127.0.0.2:9, where nothing
#                              listens) with these credentials, bypassed
#                              for 127.0.0.1 by <no_proxy>: the client must
#                              never use it, but holds its credentials
#   DATADIR_NO_XFER_DEBUG=1    no <file_xfer_debug> (whose lines show every
#                              download URL, query string included)
#   DATADIR_HTTP_DEBUG=1       <http_debug> on: every header, cookies included,
#                              goes to the client's log (the canary runs)
#   DATADIR_CONN_DEBUG=1       <conn_debug> on (a client patched by
#                              netlife-patch-boinc logs [conn] records)
#   DATADIR_CLIENT=PATH        the client that will run (default
#                              /usr/bin/boinc): client_state.xml names its version
set -euo pipefail

data=${1:?datadir} url=${2:?master url} authenticator=${3:?authenticator}
password=${4:?gui rpc password}
read -r version platform < <("${DATADIR_CLIENT:-/usr/bin/boinc}" --version)
IFS=. read -r major minor release <<< "$version"

# BOINC's file-name form of a master URL: no scheme, '/' and ':' -> '_'.
project_dir_name() {
	local name=${1#*://}
	name=${name%/}
	name=${name//\//_}
	printf '%s' "${name//:/_}"
}

mkdir -p "$data/projects/$(project_dir_name "$url")"

xfer_debug=1
[ "${DATADIR_NO_XFER_DEBUG:-0}" = 1 ] && xfer_debug=0
http_debug=${DATADIR_HTTP_DEBUG:-0}
proxy_conf='' conn_debug_conf=''
[ "${DATADIR_CONN_DEBUG:-0}" = 1 ] && conn_debug_conf='<conn_debug>1</conn_debug>'
if [ -n "${DATADIR_PROXY_USER:-}" ]; then
	proxy_conf="<proxy_info>
      <use_http_proxy/>
      <http_server_name>127.0.0.2</http_server_name>
      <http_server_port>9</http_server_port>
      <http_user_name>$DATADIR_PROXY_USER</http_user_name>
      <http_user_passwd>$DATADIR_PROXY_PASSWD</http_user_passwd>
      <no_proxy>127.0.0.1</no_proxy>
    </proxy_info>"
fi
[ -n "${DATADIR_CA_BUNDLE:-}" ] && cp "$DATADIR_CA_BUNDLE" "$data/ca-bundle.crt"

cat > "$data/cc_config.xml" <<XML
<cc_config>
  <log_flags>
    <task>1</task>
    <file_xfer>1</file_xfer>
    <sched_ops>1</sched_ops>
    <sched_op_debug>1</sched_op_debug>
    <file_xfer_debug>$xfer_debug</file_xfer_debug>
    <http_debug>$http_debug</http_debug>
    <task_debug>1</task_debug>
    <network_status_debug>1</network_status_debug>
    <unparsed_xml>1</unparsed_xml>
    $conn_debug_conf
  </log_flags>
  <options>
    <dont_contact_ref_site>1</dont_contact_ref_site>
    <no_info_fetch>1</no_info_fetch>
    <skip_cpu_benchmarks>1</skip_cpu_benchmarks>
    <no_gpus>1</no_gpus>
    <allow_multiple_clients>1</allow_multiple_clients>
    $proxy_conf
  </options>
</cc_config>
XML

cat > "$data/nvc_config.xml" <<XML
<nvc_config>
  <network_test_url>${url}ref</network_test_url>
  <client_version_check_url>${url}ref</client_version_check_url>
  <client_download_url>${url}ref</client_download_url>
</nvc_config>
XML

# A small work buffer: the client asks for work once and is then content.
cat > "$data/global_prefs_override.xml" <<XML
<global_preferences>
  <work_buf_min_days>0.01</work_buf_min_days>
  <work_buf_additional_days>0</work_buf_additional_days>
  <run_if_user_active>1</run_if_user_active>
  <suspend_if_no_recent_input>0</suspend_if_no_recent_input>
  <disk_min_free_gb>0.1</disk_min_free_gb>
</global_preferences>
XML

(umask 077; printf '%s' "$password" > "$data/gui_rpc_auth.cfg")

(umask 077; cat > "$data/account_$(project_dir_name "$url").xml") <<XML
<account>
  <master_url>$url</master_url>
  <authenticator>$authenticator</authenticator>
  <project_name>netlife test project</project_name>
</account>
XML

cat > "$data/client_state.xml" <<XML
<client_state>
<platform_name>$platform</platform_name>
<core_client_major_version>$major</core_client_major_version>
<core_client_minor_version>$minor</core_client_minor_version>
<core_client_release>$release</core_client_release>
<project>
  <master_url>$url</master_url>
  <project_name>netlife test project</project_name>
  <scheduler_url>${url}cgi</scheduler_url>
  <sched_rpc_pending>6</sched_rpc_pending>
</project>
</client_state>
XML
